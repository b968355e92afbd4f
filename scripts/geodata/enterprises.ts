import type { Enterprise } from '../../common/geodata.ts';
import { buildCreditCode, CREDIT_CODE_CHARS } from './credit-code.ts';
import type { Random } from './seeded-random.ts';

const FIRST = '嘉恒宏鑫瑞祥安泰华盛兴达顺和福源美锦誉捷益信诚佳润博凯骏坤丰';
const SECOND = '禾盛泰安达顺和源美城居家邦辉成晟宇逸悦庭';

/**
 * Generates property-service enterprises with plausible names (泉州市嘉禾物业服务有限公司), synthetic
 * credit codes registered in `adminCode` (91 + admin code + …, check characters valid) and a
 * founding year. Codes issued from 2015 on carry the MA organisation prefix, as real ones do.
 *
 * @example
 * generateEnterprises(45, '350502', '鲤城区', random)[0]; // {id: 1, name: '泉州市…物业服务有限公司', …}
 */
export function generateEnterprises(
  count: number,
  adminCode: string,
  districtName: string,
  random: Random,
): Enterprise[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`Enterprise count must be ≥ 1, got ${count}`);
  if (count > FIRST.length * SECOND.length * 4)
    throw new Error(`At most ${FIRST.length * SECOND.length * 4} enterprises, got ${count}`);
  const names = new Set<string>();
  const codes = new Set<string>();
  const enterprises: Enterprise[] = [];
  while (enterprises.length < count) {
    const first = random.pick([...FIRST]);
    const second = random.pick([...SECOND]);
    if (first === second) continue;
    const brand = `${first}${second}`;
    const roll = random.next();
    const name =
      roll < 0.5
        ? `泉州市${brand}物业服务有限公司`
        : roll < 0.75
          ? `泉州${brand}物业管理有限公司`
          : roll < 0.9
            ? `福建${brand}物业服务有限公司`
            : `泉州市${districtName}${brand}物业管理有限公司`;
    if (names.has(name)) continue;
    // founding years lean to the 2005–2018 boom of commercial housing
    const founded = Math.round(1996 + 25 * (0.2 + 0.6 * random.next() + 0.2 * random.next()));
    const body =
      founded >= 2015
        ? `MA${random.int(0, 9)}${Array.from({ length: 5 }, () => random.pick([...CREDIT_CODE_CHARS])).join('')}`
        : Array.from({ length: 8 }, () => String(random.int(0, 9))).join('');
    const creditCode = buildCreditCode('91', adminCode, body);
    if (codes.has(creditCode)) continue;
    names.add(name);
    codes.add(creditCode);
    enterprises.push({ id: enterprises.length + 1, name, creditCode, founded });
  }
  return enterprises;
}
