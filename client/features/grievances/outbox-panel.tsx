import type { Translate } from '../../lib/i18n.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import type { Outbox, OutboxItem } from './use-outbox.ts';

export type OutboxPanelProps = { outbox: Outbox };

/** What the device still has to send, and what the server refused (a conflict), never hidden. */
export function OutboxPanel({ outbox }: OutboxPanelProps) {
  const { t } = useI18n();
  if (outbox.items.length === 0) return null;
  return (
    <section className="outbox" aria-label={t('outbox.title')}>
      <h3 className="outbox__title">{t('outbox.title')}</h3>
      <ul className="outbox__list">
        {outbox.items.map((item) => (
          <li
            key={item.key}
            className={`outbox__item outbox__item--${item.status}`}
            data-event-id={item.eventId}
          >
            <span className="outbox__what">
              {t('outbox.item', { id: String(item.eventId), what: whatOf(item, t) })}
            </span>
            {item.status === 'pending' ? (
              <span className="outbox__status">{t('outbox.pending')}</span>
            ) : (
              <>
                <span className="outbox__status" role="alert">
                  {t('outbox.conflict', { message: item.message ?? '' })}
                </span>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => outbox.dismiss(item.key)}
                >
                  {t('outbox.dismiss')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function whatOf(item: OutboxItem, t: Translate): string {
  return item.kind === 'action' ? t(`action.${item.input.action}`) : t('photos.one');
}
