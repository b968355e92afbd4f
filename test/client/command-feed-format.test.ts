import { describe, expect, it } from 'vitest';
import {
  feedHealth,
  formatAge,
  shortenError,
} from '../../client/features/command-feed/command-feed-format.ts';
import { createTranslator } from '../../client/lib/i18n.ts';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

describe('formatAge', () => {
  it('shows a dash when nothing is pending', () => {
    expect(formatAge(zh, null)).toBe('—');
    expect(formatAge(en, null)).toBe('—');
  });

  it('shows seconds below a minute, floored', () => {
    expect(formatAge(zh, 0)).toBe('0秒');
    expect(formatAge(en, 59.9)).toBe('59s');
  });

  it('shows the two largest units with the minor one zero-padded', () => {
    expect(formatAge(zh, 189)).toBe('3分09秒');
    expect(formatAge(en, 189)).toBe('3m 09s');
    expect(formatAge(zh, 2 * 3600 + 5 * 60 + 30)).toBe('2小时05分');
    expect(formatAge(en, 2 * 3600 + 5 * 60 + 30)).toBe('2h 05m');
    expect(formatAge(zh, 86_400 + 3 * 3600 + 59)).toBe('1天3小时');
    expect(formatAge(en, 86_400 + 3 * 3600 + 59)).toBe('1d 3h');
  });

  it('never groups digits in large ages', () => {
    expect(formatAge(en, 1200 * 86_400)).toBe('1200d 0h');
  });

  it('refuses a negative or non-numeric age', () => {
    expect(() => formatAge(en, -1)).toThrow('Invalid age: -1 s (expected ≥ 0 or null)');
    expect(() => formatAge(en, Number.NaN)).toThrow('Invalid age: NaN s');
  });
});

describe('feedHealth', () => {
  const healthy = { enabled: true, dead: 0, oldestPendingAgeS: null };

  it('is ok with nothing pending or a young backlog', () => {
    expect(feedHealth(healthy)).toBe('ok');
    expect(feedHealth({ ...healthy, oldestPendingAgeS: 119 })).toBe('ok');
  });

  it('is a backlog once the oldest pending message waits 120 s', () => {
    expect(feedHealth({ ...healthy, oldestPendingAgeS: 120 })).toBe('backlog');
    expect(feedHealth({ ...healthy, oldestPendingAgeS: 30 }, 30)).toBe('backlog');
  });

  it('is off without a platform URL, however long messages wait', () => {
    expect(feedHealth({ ...healthy, enabled: false, oldestPendingAgeS: 3600 })).toBe('off');
  });

  it('puts dead letters first, even with the feed off', () => {
    expect(feedHealth({ ...healthy, dead: 1, oldestPendingAgeS: 3600 })).toBe('dead');
    expect(feedHealth({ enabled: false, dead: 2, oldestPendingAgeS: null })).toBe('dead');
  });
});

describe('shortenError', () => {
  it('keeps a short error and passes null through', () => {
    expect(shortenError('HTTP 500: simulated_failure')).toBe('HTTP 500: simulated_failure');
    expect(shortenError(null)).toBeNull();
  });

  it('folds whitespace and line breaks into single spaces', () => {
    expect(shortenError('  HTTP 502\n  Bad   Gateway\t')).toBe('HTTP 502 Bad Gateway');
  });

  it('cuts at the limit with an ellipsis counted in it', () => {
    expect(shortenError('abcdefghij', 5)).toBe('abcd…');
    expect(shortenError('abcde', 5)).toBe('abcde');
    expect(shortenError('x'.repeat(400))).toHaveLength(160);
  });
});
