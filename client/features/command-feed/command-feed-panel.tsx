import { useState } from 'react';
import type { FeedDeadLetter, FeedStatus } from '../../../common/command-feed.ts';
import type { ApiError, ApiResult } from '../../../common/errors.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import type { RetriedMessage } from './command-feed-api.ts';
import { feedHealth, formatAge, shortenError } from './command-feed-format.ts';
import { useCommandFeed } from './use-command-feed.ts';
import './command-feed.css';

export type CommandFeedPanelProps = {
  token: string;
  /** district admins may put a dead letter back to pending */
  canRetry: boolean;
  /** figures only, one row: for the wall */
  compact?: boolean;
  onUnauthorized?: () => void;
};

/** The feed to the district joint command platform: polls its status and shows it. */
export function CommandFeedPanel({
  token,
  canRetry,
  compact,
  onUnauthorized,
}: CommandFeedPanelProps) {
  const feed = useCommandFeed(token, { onUnauthorized });
  return (
    <CommandFeedView
      status={feed.status}
      error={feed.error}
      canRetry={canRetry}
      compact={compact}
      onRetry={feed.retry}
    />
  );
}

export type CommandFeedViewProps = {
  status: FeedStatus | null;
  error: ApiError['error'] | null;
  canRetry: boolean;
  compact?: boolean;
  onRetry: (id: number) => Promise<ApiResult<RetriedMessage>>;
};

/**
 * What the platform has (delivered in the last hour), what waits (pending, the oldest's age) and
 * what failed and why (dead letters with their last error), with a retry per dead letter.
 */
export function CommandFeedView({
  status,
  error,
  canRetry,
  compact,
  onRetry,
}: CommandFeedViewProps) {
  const { t, formatTime } = useI18n();
  const [collapsed, setCollapsed] = useState(false);
  const health = status ? feedHealth(status) : null;
  const showList = !compact && !collapsed && status !== null;

  return (
    <section
      className={`panel feed-panel${compact ? ' feed-panel--compact' : ''}`}
      aria-labelledby="feed-panel-title"
      data-testid="command-feed"
    >
      <header className="feed-panel__header">
        <h2 id="feed-panel-title" className="panel__title feed-panel__title">
          {t('feed.title')}
        </h2>
        {health && (
          <span className={`feed-health feed-health--${health}`} data-testid="feed-health">
            <span className="feed-health__dot" aria-hidden="true" />
            {t(`feed.health.${health}`)}
          </span>
        )}
        {!compact && (
          <button
            type="button"
            className="feed-panel__toggle"
            aria-expanded={!collapsed}
            aria-label={collapsed ? t('feed.expand') : t('feed.collapse')}
            title={collapsed ? t('feed.expand') : t('feed.collapse')}
            onClick={() => setCollapsed((on) => !on)}
          >
            {collapsed ? '▴' : '▾'}
          </button>
        )}
      </header>
      {error && (
        <p className="panel__status panel__status--error" role="alert">
          {t('feed.loadFailed', { message: error.message })}
        </p>
      )}
      {!status && !error && <p className="panel__status">{t('feed.loading')}</p>}
      {status && (
        <>
          <dl className="feed-figures">
            <Figure
              label={t('feed.delivered')}
              value={String(status.deliveredLastHour)}
              id="delivered"
            />
            <Figure label={t('feed.pending')} value={String(status.pending)} id="pending" />
            <Figure
              label={t('feed.oldest')}
              value={formatAge(t, status.oldestPendingAgeS)}
              id="oldest"
              warn={health === 'backlog'}
            />
            <Figure
              label={t('feed.dead')}
              value={String(status.dead)}
              id="dead"
              warn={status.dead > 0}
            />
          </dl>
          {!status.enabled && !compact && <p className="panel__note">{t('feed.disabled')}</p>}
          {!compact && !collapsed && (
            <p className="feed-panel__asof">{t('feed.asOf', { time: formatTime(status.asOf) })}</p>
          )}
        </>
      )}
      {showList && <DeadLetters status={status} canRetry={canRetry} onRetry={onRetry} />}
    </section>
  );
}

function Figure(props: { label: string; value: string; id: string; warn?: boolean }) {
  return (
    <div
      className={`feed-figure${props.warn ? ' feed-figure--warn' : ''}`}
      data-testid={`feed-${props.id}`}
    >
      <dt className="feed-figure__label">{props.label}</dt>
      <dd className="feed-figure__value">{props.value}</dd>
    </div>
  );
}

type DeadLettersProps = {
  status: FeedStatus;
  canRetry: boolean;
  onRetry: (id: number) => Promise<ApiResult<RetriedMessage>>;
};

function DeadLetters({ status, canRetry, onRetry }: DeadLettersProps) {
  const { t, formatDateTime } = useI18n();
  const [retrying, setRetrying] = useState<ReadonlySet<number>>(() => new Set());
  const [failures, setFailures] = useState<ReadonlyMap<number, string>>(() => new Map());
  const retry = async (letter: FeedDeadLetter) => {
    setRetrying((current) => new Set(current).add(letter.id));
    const result = await onRetry(letter.id);
    setRetrying((current) => {
      const next = new Set(current);
      next.delete(letter.id);
      return next;
    });
    setFailures((current) => {
      const next = new Map(current);
      if ('error' in result) next.set(letter.id, result.error.message);
      else next.delete(letter.id);
      return next;
    });
  };

  return (
    <div className="feed-dead">
      <h3 className="panel__subtitle">{t('feed.deadTitle', { count: status.dead })}</h3>
      {status.deadLetters.length === 0 ? (
        <p className="panel__note">{t('feed.deadNone')}</p>
      ) : (
        <>
          {status.dead > status.deadLetters.length && (
            <p className="panel__note">
              {t('feed.deadMore', { shown: status.deadLetters.length, count: status.dead })}
            </p>
          )}
          <ul className="feed-dead__list" aria-label={t('feed.dead')}>
            {status.deadLetters.map((letter) => {
              const shortError = shortenError(letter.lastError);
              const failure = failures.get(letter.id);
              return (
                <li key={letter.id} className="feed-dead__item" data-testid="feed-dead-letter">
                  <div className="feed-dead__head">
                    <strong>{t(`feed.kind.${letter.kind}`)}</strong>
                    {letter.eventId !== null && (
                      <span>{t('feed.event', { id: String(letter.eventId) })}</span>
                    )}
                    <span>{t('feed.attempts', { count: letter.attempts })}</span>
                    {canRetry && (
                      <button
                        type="button"
                        className="button feed-dead__retry"
                        disabled={retrying.has(letter.id)}
                        onClick={() => void retry(letter)}
                      >
                        {retrying.has(letter.id) ? t('feed.retrying') : t('feed.retry')}
                      </button>
                    )}
                  </div>
                  <p className="feed-dead__error" title={letter.lastError ?? undefined}>
                    {shortError ?? t('feed.noError')}
                  </p>
                  <p className="feed-dead__times">
                    {t('feed.createdAt', { time: formatDateTime(letter.createdAt) })}
                    {letter.lastAttemptAt &&
                      ` · ${t('feed.lastAttemptAt', { time: formatDateTime(letter.lastAttemptAt) })}`}
                  </p>
                  {failure && (
                    <p className="panel__status panel__status--error" role="alert">
                      {t('feed.retryFailed', { message: failure })}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
