import { describe, expect, it } from 'vitest';
import { readGeodata } from '../../server/geodata-loader.ts';
import { isValidCreditCode } from '../../server/enterprises/credit-code.ts';
import { fictionalEnterpriseName } from '../../scripts/geodata/enterprises.ts';

// Demonstration data never names a real-looking firm (issue 12): synthetic enterprises are
// 示例物业一号 …, with credit codes whose check characters are right but that belong to no one.

describe('fictionalEnterpriseName', () => {
  it.each([
    [1, '示例物业一号'],
    [10, '示例物业十号'],
    [11, '示例物业十一号'],
    [20, '示例物业二十号'],
    [45, '示例物业四十五号'],
    [99, '示例物业九十九号'],
    [100, '示例物业100号'],
  ])('names enterprise %i %s', (n, name) => {
    expect(fictionalEnterpriseName(n)).toBe(name);
  });

  it('refuses a number below 1', () => {
    expect(() => fictionalEnterpriseName(0)).toThrow('Enterprise number must be ≥ 1, got 0');
  });
});

describe('geodata/enterprises.json', () => {
  const { enterprises } = readGeodata('geodata');
  it('names every enterprise plainly as an example, in order', () => {
    expect(enterprises.map((e) => e.name)).toEqual(
      enterprises.map((_, i) => fictionalEnterpriseName(i + 1)),
    );
  });
  it('gives each a valid, distinct credit code', () => {
    expect(enterprises.every((e) => isValidCreditCode(e.creditCode))).toBe(true);
    expect(new Set(enterprises.map((e) => e.creditCode)).size).toBe(enterprises.length);
  });
});
