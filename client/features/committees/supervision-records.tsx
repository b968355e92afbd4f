import type { CommitteeFile } from '../../../common/committees.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { ruleDetail } from './rule-detail.ts';

/**
 * A committee's supervision records (三(三)): major-matter meetings with the plan's checks,
 * 业账社管 checks, negative-list violations and orders to correct; sections without records hide.
 */
export function SupervisionRecords({ file }: { file: CommitteeFile }) {
  const { t } = useI18n();
  const attended = (yes: boolean) => t(yes ? 'supervise.yes' : 'supervise.no');
  return (
    <>
      {file.meetings.length > 0 && (
        <section aria-label={t('supervise.file.meetings')}>
          <h3 className="panel__eyebrow">{t('supervise.file.meetings')}</h3>
          <ul>
            {file.meetings.map((m) => (
              <li key={m.id} data-meeting-id={m.id}>
                {t('supervise.meeting.line', {
                  date: m.meetingOn,
                  matter: t(`majorMatter.${m.kind}`),
                  decision: m.decision,
                })}{' '}
                ·{' '}
                {m.reportedOn
                  ? t('supervise.meeting.reported', { date: m.reportedOn })
                  : t('supervise.meeting.notReported')}{' '}
                ·{' '}
                {t('supervise.meeting.attended', {
                  street: attended(m.attendance.streetOffice),
                  community: attended(m.attendance.residentsCommittee),
                })}
                <ul className="rule-checks">
                  {m.checks
                    .filter((c) => c.outcome !== 'not_applicable')
                    .map((c) => (
                      <li
                        key={c.rule}
                        className={`rule-check rule-check--${c.outcome}`}
                        data-rule={c.rule}
                      >
                        <strong>{t(`ruleOutcome.${c.outcome}`)}</strong> {c.section} 「{c.words}」
                        <small>{ruleDetail(t, c)}</small>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {file.accountChecks.length > 0 && (
        <section aria-label={t('supervise.file.accountChecks')}>
          <h3 className="panel__eyebrow">{t('supervise.file.accountChecks')}</h3>
          <ul>
            {file.accountChecks.map((c) => (
              <li key={c.id} className={c.compliant ? '' : 'duty duty--missing'}>
                {c.checkedOn} ·{' '}
                <strong>
                  {t(
                    c.compliant ? 'supervise.account.compliant' : 'supervise.account.notCompliant',
                  )}
                </strong>{' '}
                · {c.findings}
              </li>
            ))}
          </ul>
        </section>
      )}
      {file.violations.length > 0 && (
        <section aria-label={t('supervise.file.violations')}>
          <h3 className="panel__eyebrow">{t('supervise.file.violations')}</h3>
          <ul>
            {file.violations.map((v) => (
              <li key={v.id}>
                {v.reportedOn} · {v.memberName} · {v.description}
                {v.suspended && (
                  <>
                    {' '}
                    · <strong>{t('supervise.violation.suspended')}</strong>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {file.orders.length > 0 && (
        <section aria-label={t('supervise.file.orders')}>
          <h3 className="panel__eyebrow">{t('supervise.file.orders')}</h3>
          <ul>
            {file.orders.map((o) => (
              <li
                key={o.id}
                className={`order order--${o.status}${o.status === 'overdue' ? ' duty duty--missing' : ''}`}
                data-order-id={o.id}
                data-status={o.status}
              >
                {t('supervise.order.line', {
                  subject: o.subject,
                  ordered: o.orderedOn,
                  deadline: o.deadline,
                })}{' '}
                · <strong>{t(`orderStatus.${o.status}`)}</strong>
                {o.closedOn && ` · ${t('supervise.order.closed', { date: o.closedOn })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
