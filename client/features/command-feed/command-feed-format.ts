import type { FeedStatus } from '../../../common/command-feed.ts';
import type { Translate } from '../../lib/i18n.ts';

const DEFAULT_OPTIONS = {
  backlogAgeS: 120, // a message waiting longer than this means the platform is not taking the feed
  errorChars: 160, // a dead letter's last error is cut here in the list (the full text is its title)
};

/** How the feed is doing at a glance: the colour of the panel's dot. */
export type FeedHealth = 'off' | 'ok' | 'backlog' | 'dead';

/**
 * Dead letters outrank a backlog, a backlog outranks ok; a feed without a platform URL is off.
 * @example feedHealth({ enabled: true, dead: 0, oldestPendingAgeS: 30, … }) // 'ok'
 */
export function feedHealth(
  status: Pick<FeedStatus, 'enabled' | 'dead' | 'oldestPendingAgeS'>,
  backlogAgeS = DEFAULT_OPTIONS.backlogAgeS,
): FeedHealth {
  if (status.dead > 0) return 'dead';
  if (!status.enabled) return 'off';
  if (status.oldestPendingAgeS !== null && status.oldestPendingAgeS >= backlogAgeS) {
    return 'backlog';
  }
  return 'ok';
}

/**
 * The age of the oldest pending message in its two largest units, or a dash when none waits:
 * "45秒" / "3分09秒" / "2小时05分" / "1天3小时" (zh-CN), "45s" / "3m 09s" / "2h 05m" / "1d 3h" (en).
 * @example formatAge(createTranslator('en'), 189) // "3m 09s"
 */
export function formatAge(t: Translate, seconds: number | null): string {
  if (seconds === null) return t('feed.none');
  if (!(seconds >= 0)) throw new Error(`Invalid age: ${seconds} s (expected ≥ 0 or null)`);
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  // strings, not numbers: the translator would group digits, and the minor unit is zero-padded
  if (days > 0) return t('duration.days', { d: String(days), h: String(hours) });
  if (hours > 0) return t('duration.hours', { h: String(hours), m: pad(minutes) });
  if (minutes > 0) return t('duration.minutes', { m: String(minutes), s: pad(s % 60) });
  return t('feed.seconds', { s: String(s) });
}

/**
 * A dead letter's last error for the list: one line, cut at `max` characters with an ellipsis.
 * @example shortenError('HTTP 500\nInternal', 160) // 'HTTP 500 Internal'
 */
export function shortenError(
  error: string | null,
  max = DEFAULT_OPTIONS.errorChars,
): string | null {
  if (error === null) return null;
  const line = error.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
