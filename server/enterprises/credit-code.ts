// 统一社会信用代码 (GB 32100-2015): 1 registration authority + 1 entity type + 6 admin code +
// 9 organisation code (GB 11714, with its own check character) + 1 check character.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Builds an 18-character credit code with both check characters right, so validators accept it.
 * The codes written to geodata/ are synthetic and belong to no real enterprise.
 *
 * @example
 * buildCreditCode('91', '350502', 'MA2Y4K7Q'); // '91350502MA2Y4K7Q' + 2 check characters
 */
export function buildCreditCode(prefix: string, adminCode: string, orgBody: string): string {
  if (!/^[1-9A-Y][1-9A-Y]$/.test(prefix))
    throw new Error(`Credit code prefix must be 2 characters, got ${prefix}`);
  if (!/^\d{6}$/.test(adminCode)) throw new Error(`Admin code must be 6 digits, got ${adminCode}`);
  if (!/^[0-9A-HJ-NP-RTUWXY]{8}$/.test(orgBody)) {
    throw new Error(`Organisation code body must be 8 credit-code characters, got ${orgBody}`);
  }
  const orgSum = [...orgBody].reduce(
    (sum, ch, i) => sum + ORG_CHARS.indexOf(ch) * (ORG_WEIGHTS[i] ?? 0),
    0,
  );
  const orgCheckValue = 11 - (orgSum % 11);
  const orgCheck = orgCheckValue === 10 ? 'X' : orgCheckValue === 11 ? '0' : String(orgCheckValue);
  const body = `${prefix}${adminCode}${orgBody}${orgCheck}`;
  const sum = [...body].reduce(
    (s, ch, i) => s + USCC_CHARS.indexOf(ch) * (USCC_WEIGHTS[i] ?? 0),
    0,
  );
  return `${body}${USCC_CHARS[(31 - (sum % 31)) % 31]}`;
}

/** True when both check characters of an 18-character credit code are right. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(code)) return false;
  try {
    return buildCreditCode(code.slice(0, 2), code.slice(2, 8), code.slice(8, 16)) === code;
  } catch {
    return false;
  }
}

/** The characters a credit code may use, for drawing random bodies. */
export const CREDIT_CODE_CHARS = USCC_CHARS;
