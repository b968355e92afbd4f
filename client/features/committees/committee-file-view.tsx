import type { ReactNode } from 'react';
import type { CommitteeFile } from '../../../common/committees.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { SupervisionRecords } from './supervision-records.tsx';
import { ruleDetail } from './rule-detail.ts';

export type CommitteeFileViewProps = {
  file: CommitteeFile;
  /** the forms for the next change, shown under the checks */
  children?: ReactNode;
};

/**
 * A committee's file: state and verdict, the plan's rules checked, members, duties (open orders to
 * correct among them), supervision records, history.
 */
export function CommitteeFileView({ file, children }: CommitteeFileViewProps) {
  const { t, formatDateTime } = useI18n();
  return (
    <article
      className="committee-file"
      data-compound-id={file.compoundId}
      data-version={file.version}
    >
      <header className="committee-file__header">
        <h2>{file.compoundName}</h2>
        <p>
          {file.streetName} · {file.communityName} ·{' '}
          <span data-testid="committee-state">{t(`committeeStatus.${file.state}`)}</span> ·{' '}
          <span
            className={`compliance compliance--${file.compliance}`}
            data-testid="committee-compliance"
          >
            {t(`compliance.${file.compliance}`)}
          </span>
        </p>
        {file.termStart && (
          <p>
            {t('supervise.file.term', { start: file.termStart, end: file.termEnd ?? '' })}
            {file.termAlert && ` · ${t(`termAlert.${file.termAlert}`)}`}
            {file.partyGroup && ` · ${t('supervise.file.partyGroup')}`}
          </p>
        )}
      </header>

      {file.checks.length > 0 && (
        <section aria-label={t('supervise.file.checks')}>
          <h3 className="panel__eyebrow">{t('supervise.file.checks')}</h3>
          <ul className="rule-checks">
            {file.checks.map((c) => (
              <li key={c.rule} className={`rule-check rule-check--${c.outcome}`} data-rule={c.rule}>
                <strong>{t(`ruleOutcome.${c.outcome}`)}</strong> {c.section} 「{c.words}」
                <small>{ruleDetail(t, c)}</small>
              </li>
            ))}
          </ul>
        </section>
      )}

      {children}

      <section aria-label={t('supervise.file.members')}>
        <h3 className="panel__eyebrow">
          {t('supervise.file.members')} ({file.counts.partyMembers}/{file.counts.ownerMembers}/
          {file.counts.members})
        </h3>
        {file.members.length === 0 ? (
          <p className="panel__status">{t('supervise.file.noMembers')}</p>
        ) : (
          <ul className="member-list">
            {file.members.map((m, i) => (
              <li key={i}>
                {m.name} · {t(`memberRole.${m.role}`)}
                {m.owner && ` · ${t('supervise.members.owner')}`}
                {m.partyMember && ` · ${t('supervise.members.party')}`}
                {m.organisation && ` · ${t(`memberOrg.${m.organisation}`)}`}
              </li>
            ))}
          </ul>
        )}
      </section>

      {file.duties.length > 0 && (
        <section aria-label={t('supervise.file.duties')}>
          <h3 className="panel__eyebrow">{t('supervise.file.duties')}</h3>
          <ul>
            {file.duties.map((d, i) => (
              <li
                key={`${d.kind}-${d.period}-${i}`}
                className={`duty duty--${d.status}`}
                data-period={d.period}
              >
                {t(`dutyKind.${d.kind}`)} ·{' '}
                {t('supervise.duty.line', { period: d.period, due: d.dueOn })}{' '}
                <strong>{t(`dutyStatus.${d.status}`)}</strong>
                {d.doneOn && ` · ${t('supervise.duty.done', { date: d.doneOn })}`}
              </li>
            ))}
          </ul>
        </section>
      )}

      <SupervisionRecords file={file} />

      <section aria-label={t('supervise.file.history')}>
        <h3 className="panel__eyebrow">{t('supervise.file.history')}</h3>
        {file.history.length === 0 ? (
          <p className="panel__status">{t('supervise.file.noHistory')}</p>
        ) : (
          <ol className="committee-history">
            {file.history.map((h, i) => (
              <li key={i}>
                {formatDateTime(h.at)} · {h.actor} · {t(`committeeAction.${h.action}`)}
                {h.stateBefore !== h.stateAfter &&
                  ` (${t(`committeeStatus.${h.stateBefore}`)} → ${t(`committeeStatus.${h.stateAfter}`)})`}
                {h.note && ` · ${h.note}`}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
