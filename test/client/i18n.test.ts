import { describe, expect, it } from 'vitest';
import { COMMITTEE_STATUSES, COVERAGE_MODES, STATION_KINDS } from '../../common/domain.ts';
import {
  MESSAGES,
  createTranslator,
  formatDistance,
  formatShare,
  nextLocale,
  type MessageKey,
} from '../../client/lib/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('has an English string for every zh-CN key and a zh-CN string for every English key', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(en).toEqual(zh);
  });

  it('has no empty strings', () => {
    for (const [locale, messages] of Object.entries(MESSAGES)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(MESSAGES['zh-CN']) as MessageKey[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES['zh-CN'][key]));
    }
  });

  it('names every coverage mode, station kind and committee status', () => {
    const keys = new Set(Object.keys(MESSAGES['zh-CN']));
    for (const mode of COVERAGE_MODES) expect(keys.has(`coverageMode.${mode}`), mode).toBe(true);
    for (const kind of STATION_KINDS) expect(keys.has(`stationKind.${kind}`), kind).toBe(true);
    for (const status of COMMITTEE_STATUSES) {
      expect(keys.has(`committeeStatus.${status}`), status).toBe(true);
    }
  });

  it('speaks Chinese by default terms of the plan', () => {
    const t = createTranslator('zh-CN');
    expect(t('coverageMode.none')).toBe('无物业');
    expect(t('app.title')).toBe('鲤城区红色物业指挥平台');
  });
});

describe('createTranslator', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(createTranslator('en')('unit.households', { count: 1200 })).toBe('1,200 households');
    expect(createTranslator('zh-CN')('unit.households', { count: 1200 })).toBe('1,200 户');
  });

  it('leaves a placeholder without a value as it is', () => {
    expect(createTranslator('en')('unit.households')).toBe('{count} households');
    expect(createTranslator('en')('unit.households', {})).toBe('{count} households');
  });
});

describe('formatting helpers', () => {
  it('toggles between the two locales', () => {
    expect(nextLocale('zh-CN')).toBe('en');
    expect(nextLocale('en')).toBe('zh-CN');
  });

  it('formats shares as percentages with at most one decimal', () => {
    expect(formatShare(0.7)).toBe('70%');
    expect(formatShare(0.12345)).toBe('12.3%');
    expect(formatShare(1)).toBe('100%');
  });

  it('formats distances in metres below a kilometre', () => {
    expect(formatDistance(createTranslator('zh-CN'), 320.4)).toBe('320 米');
    expect(formatDistance(createTranslator('en'), 1250)).toBe('1.3 km');
  });
});
