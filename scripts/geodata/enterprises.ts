import type { Enterprise } from '../../common/geodata.ts';
import { buildCreditCode, CREDIT_CODE_CHARS } from '../../server/enterprises/credit-code.ts';
import type { Random } from './seeded-random.ts';

const DIGITS = '零一二三四五六七八九';

/**
 * A plainly fictional enterprise name, so that demonstration data never names a real-looking firm
 * (issue 12): 示例物业一号, 示例物业二十三号; Arabic numerals past 99 (the city-scale bench set).
 * @example fictionalEnterpriseName(23) // '示例物业二十三号'
 */
export function fictionalEnterpriseName(n: number): string {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`Enterprise number must be ≥ 1, got ${n}`);
  if (n > 99) return `示例物业${n}号`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return `示例物业${tensPart}${ones === 0 ? '' : DIGITS[ones]}号`;
}

/**
 * Generates property-service enterprises with plainly fictional names (示例物业一号 …), synthetic
 * credit codes registered in `adminCode` (91 + admin code + …, check characters valid) and a
 * founding year. Codes issued from 2015 on carry the MA organisation prefix, as real ones do.
 *
 * @example
 * generateEnterprises(45, '350502', random)[0]; // {id: 1, name: '示例物业一号', …}
 */
export function generateEnterprises(
  count: number,
  adminCode: string,
  random: Random,
): Enterprise[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`Enterprise count must be ≥ 1, got ${count}`);
  const codes = new Set<string>();
  const enterprises: Enterprise[] = [];
  while (enterprises.length < count) {
    const name = fictionalEnterpriseName(enterprises.length + 1);
    // founding years lean to the 2005–2018 boom of commercial housing
    const founded = Math.round(1996 + 25 * (0.2 + 0.6 * random.next() + 0.2 * random.next()));
    const body =
      founded >= 2015
        ? `MA${random.int(0, 9)}${Array.from({ length: 5 }, () => random.pick([...CREDIT_CODE_CHARS])).join('')}`
        : Array.from({ length: 8 }, () => String(random.int(0, 9))).join('');
    const creditCode = buildCreditCode('91', adminCode, body);
    if (codes.has(creditCode)) continue;
    codes.add(creditCode);
    enterprises.push({ id: enterprises.length + 1, name, creditCode, founded });
  }
  return enterprises;
}
