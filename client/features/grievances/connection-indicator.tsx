import { useI18n } from '../../lib/use-i18n.tsx';
import { formatDuration } from './format-countdown.ts';
import type { ConnectionStatus } from '../../lib/use-grievance-stream.ts';

export type ConnectionIndicatorProps = {
  status: ConnectionStatus;
  /** when the data stopped being live; null while live */
  staleSince: number | null;
  now: number;
  onRetry: () => void;
};

/** Live / reconnecting / offline, with the age of the data when it is not live. */
export function ConnectionIndicator({
  status,
  staleSince,
  now,
  onRetry,
}: ConnectionIndicatorProps) {
  const { t } = useI18n();
  const age =
    status !== 'live' && staleSince !== null
      ? t('connection.age', { age: formatDuration(t, Math.max(0, now - staleSince)) })
      : null;
  return (
    <span
      className={`connection connection--${status}`}
      role="status"
      aria-label={t('connection.label')}
      data-connection={status}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{t(`connection.${status}`)}</span>
      {age && <span className="connection__age">{age}</span>}
      {status === 'offline' && (
        <button type="button" className="button button--ghost button--small" onClick={onRetry}>
          {t('connection.retry')}
        </button>
      )}
    </span>
  );
}
