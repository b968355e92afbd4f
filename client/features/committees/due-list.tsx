import type { DueDuty } from '../../../common/committees.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type DueListProps = { due: ApiState<DueDuty[]>; onSelect: (compoundId: number) => void };

/** The duties due this month or late in the caller's area, soonest first. */
export function DueList({ due, onSelect }: DueListProps) {
  const { t } = useI18n();
  return (
    <section className="due-list" aria-label={t('supervise.due.title')}>
      <h3 className="panel__eyebrow">{t('supervise.due.title')}</h3>
      {due.status === 'loading' && <p className="panel__status">{t('supervise.loading')}</p>}
      {due.status === 'error' && (
        <p className="panel__status panel__status--error">
          {t('supervise.loadFailed', { message: due.error.message })}
        </p>
      )}
      {due.status === 'ready' && due.data.length === 0 && (
        <p className="panel__status">{t('supervise.due.none')}</p>
      )}
      {due.status === 'ready' && due.data.length > 0 && (
        <ul>
          {due.data.map((d, i) => (
            <li
              key={`${d.compoundId}-${d.kind}-${d.period}-${i}`}
              className={`duty duty--${d.status}`}
            >
              <button type="button" className="link-button" onClick={() => onSelect(d.compoundId)}>
                {d.compoundName}
              </button>{' '}
              {t(`dutyKind.${d.kind}`)} ·{' '}
              {t('supervise.duty.line', { period: d.period, due: d.dueOn })}{' '}
              <strong>{t(`dutyStatus.${d.status}`)}</strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
