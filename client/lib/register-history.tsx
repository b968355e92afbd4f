import type { RegisterAuditEntry } from '../../common/register-audit.ts';
import type { MessageKey } from './i18n.ts';
import type { ApiState } from './use-api-query.ts';
import { useI18n } from './use-i18n.tsx';

export type RegisterHistoryProps = {
  history: ApiState<RegisterAuditEntry[]>;
  /** a field's label in the active locale, or null to leave the field out */
  labelOf: (field: string) => string | null;
  /** a field's value in the active locale (a mode, a role) */
  valueOf?: (field: string, value: unknown) => string;
};

const shown = (value: unknown) =>
  value === null || value === undefined
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

/** Which labelled fields a change changed, before → after. */
function changedFields(e: RegisterAuditEntry, labelOf: RegisterHistoryProps['labelOf']) {
  return Object.keys(e.after).filter(
    (k) =>
      labelOf(k) !== null && JSON.stringify(e.before?.[k] ?? null) !== JSON.stringify(e.after[k]),
  );
}

/** A register record's audit trail, newest first: when, who, what, before → after, why. */
export function RegisterHistory({ history, labelOf, valueOf }: RegisterHistoryProps) {
  const { t, formatDateTime } = useI18n();
  const value = (field: string, v: unknown) => (valueOf ? valueOf(field, v) : shown(v));
  if (history.status === 'loading') return <p className="panel__status">{t('app.loading')}</p>;
  if (history.status === 'error') {
    return (
      <p className="panel__status panel__status--error" role="alert">
        {t('app.loadFailed', { message: history.error.message })}
      </p>
    );
  }
  return (
    <section className="register-history" aria-label={t('registers.history')}>
      <h3 className="panel__eyebrow">{t('registers.history')}</h3>
      <ol>
        {[...history.data].reverse().map((e, i) => (
          <li key={`${e.at}-${i}`} data-action={e.action}>
            <div className="register-history__head">
              <span>{formatDateTime(e.at)}</span>
              <strong>{t(`auditAction.${e.action}` as MessageKey)}</strong>
              <span>{e.actor}</span>
            </div>
            {e.before !== null && (
              <ul>
                {changedFields(e, labelOf).map((k) => (
                  <li key={k} data-field={k}>
                    {t('form.fieldError', {
                      label: labelOf(k)!,
                      text: `${value(k, e.before?.[k])} → ${value(k, e.after[k])}`,
                    })}
                  </li>
                ))}
              </ul>
            )}
            {e.reason && (
              <p className="register-history__reason">
                {t('form.fieldError', { label: t('registers.reason'), text: e.reason })}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
