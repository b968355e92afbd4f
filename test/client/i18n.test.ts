import { describe, expect, it } from 'vitest';
import { ROLES } from '../../common/auth.ts';
import { COMMITTEE_COMPLIANCES, COMMITTEE_STATES } from '../../common/committees.ts';
import { COVERAGE_MODES, STATION_KINDS } from '../../common/domain.ts';
import {
  CATEGORIES,
  CHANNELS,
  EVENT_ACTIONS,
  EVENT_STATES,
  GRADES,
  LEVELS,
} from '../../common/grievances.ts';
import { ASSIGNEE_KINDS } from '../../client/features/grievances/assignee.ts';
import {
  MESSAGES,
  createTranslator,
  formatDistance,
  formatShare,
  nextLocale,
  type MessageKey,
} from '../../client/lib/i18n.ts';

// `{name}` and the name of a `{name, plural, …}` form
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();

describe('plural forms', () => {
  it('chooses the English form by the number, and formats it', () => {
    const en = createTranslator('en');
    expect([0, 1, 2, 1200].map((count) => en('feed.attempts', { count }))).toEqual([
      '0 attempts',
      '1 attempt',
      '2 attempts',
      '1,200 attempts',
    ]);
    expect(en('plan.bundleLabel', { households: 1, count: 3 })).toBe('1 household · 3 compounds');
    expect(en('plan.unmanagedOf', { count: 2, households: 1 })).toBe('2 · 1 household');
  });

  it('leaves Chinese, which has no plural forms, as it was', () => {
    const zh = createTranslator('zh-CN');
    expect([1, 2].map((count) => zh('feed.attempts', { count }))).toEqual([
      '尝试 1 次',
      '尝试 2 次',
    ]);
  });
});

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
    for (const status of COMMITTEE_STATES) {
      expect(keys.has(`committeeStatus.${status}`), status).toBe(true);
    }
    for (const c of COMMITTEE_COMPLIANCES) expect(keys.has(`compliance.${c}`), c).toBe(true);
  });

  it('names every grade, level, state, category, channel, action, audit entry and role', () => {
    const keys = new Set(Object.keys(MESSAGES['zh-CN']));
    const expected = [
      ...GRADES.map((v) => `grade.${v}`),
      ...LEVELS.map((v) => `level.${v}`),
      ...EVENT_STATES.map((v) => `state.${v}`),
      ...CATEGORIES.map((v) => `category.${v}`),
      ...CHANNELS.map((v) => `channel.${v}`),
      ...EVENT_ACTIONS.map((v) => `action.${v}`),
      ...[...EVENT_ACTIONS, 'report', 'overdue'].map((v) => `audit.${v}`),
      ...ROLES.map((v) => `role.${v}`),
      ...ASSIGNEE_KINDS.map((v) => `assigneeKind.${v}`),
      ...['connecting', 'live', 'reconnecting', 'offline'].map((v) => `connection.${v}`),
    ];
    expect(expected.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('uses the grades and workflow terms of the plan', () => {
    const t = createTranslator('zh-CN');
    expect(GRADES.map((g) => t(`grade.${g}`))).toEqual(['一般', '较大', '重大', '特别重大']);
    expect(t('action.escalate')).toBe('上报上级');
    expect(t('category.maintenance_fund')).toBe('专项维修资金');
    expect(createTranslator('en')('state.in_progress')).toBe('In progress');
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
    expect(createTranslator('en')('select.count')).toBe('{count} selected');
    expect(createTranslator('en')('select.count', {})).toBe('{count} selected');
    expect(createTranslator('en')('feed.attempts', {})).toBe(
      '{count, plural, one {# attempt} other {# attempts}}',
    );
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
