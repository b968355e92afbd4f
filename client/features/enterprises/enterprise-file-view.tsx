import type { Role } from '../../../common/auth.ts';
import type { EnterpriseFile } from '../../../common/enterprises.ts';
import type { Category, EventState } from '../../../common/grievances.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { InterviewsView } from './interviews-view.tsx';
import { RecordForm } from './record-form.tsx';
import { ScoreBreakdown } from './score-breakdown.tsx';

export type EnterpriseFileViewProps = {
  token: string;
  file: EnterpriseFile;
  answers: boolean;
  keeps: boolean;
  /** the reader's role and own street or community: which records they may add */
  role: Role;
  ownUnit: string | null;
};

/**
 * An enterprise's file: the register, the credit score with its sources, interviews, the credit
 * records' timeline, project managers and the compounds served with their stars and contracts.
 */
export function EnterpriseFileView(props: EnterpriseFileViewProps) {
  const { token, file, answers, keeps } = props;
  const { t } = useI18n();
  const e = file.enterprise;
  const names = new Map(file.compounds.map((c) => [c.id, c.name]));
  return (
    <article className="ent-file" data-enterprise-id={e.id}>
      <h2>{e.name}</h2>
      <dl className="ent-file__register">
        <dt>{t('ent.file.creditCode')}</dt>
        <dd>{e.creditCode}</dd>
        <dt>{t('ent.file.address')}</dt>
        <dd>{e.address || '—'}</dd>
        <dt>{t('ent.file.partyOrg')}</dt>
        <dd>{t(`ent.partyOrg.${e.partyOrg}`)}</dd>
        <dt>{t('ent.file.charter')}</dt>
        <dd>{e.charterPartyClause ? t('ent.yes') : t('ent.no')}</dd>
      </dl>
      <ScoreBreakdown score={file.credit} asOf={file.asOf} />
      <InterviewsView token={token} file={file} answers={answers} keeps={keeps} />
      <section className="ent-section" aria-label={t('ent.records.title')}>
        <h3>{t('ent.records.title')}</h3>
        <RecordForm token={token} file={file} role={props.role} ownUnit={props.ownUnit} />
        <ol className="ent-timeline">
          {[...file.records].reverse().map((r) => (
            <li key={r.id} data-record-id={r.id} data-kind={r.kind}>
              <time>{r.onDate}</time> <strong>{t(`ent.record.${r.kind}`)}</strong> #{r.id}{' '}
              {recordWords(r.details)}
            </li>
          ))}
        </ol>
      </section>
      <section className="ent-section" aria-label={t('ent.events.title')}>
        <h3>{t('ent.events.title')}</h3>
        {file.events.length === 0 && <p className="panel__note">{t('ent.none')}</p>}
        <ul className="ent-events">
          {file.events.map((ev) => (
            <li key={ev.id} data-event-id={ev.id}>
              #{ev.id} {names.get(ev.compoundId) ?? ''} · {t(`category.${ev.category as Category}`)}{' '}
              · {t(`state.${ev.state as EventState}`)}
            </li>
          ))}
        </ul>
      </section>
      <section className="ent-section" aria-label={t('ent.managers.title')}>
        <h3>{t('ent.managers.title')}</h3>
        <ul>
          {file.managers.map((m) => (
            <li key={m.id}>
              {t('ent.manager', {
                name: m.name,
                certificate: m.certificate,
                compounds: m.compoundIds.length,
                score: m.score,
              })}
            </li>
          ))}
        </ul>
      </section>
      <section className="ent-section" aria-label={t('ent.compounds.title')}>
        <h3>{t('ent.compounds.title')}</h3>
        <table className="ent-table">
          <tbody>
            {file.compounds.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td aria-label={t('ent.compounds.stars', { stars: c.stars })}>
                  {'★'.repeat(c.stars)}
                  {'☆'.repeat(5 - c.stars)}
                </td>
                <td>{c.contract ? `${c.contract.startsOn} – ${c.contract.endsOn}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

// what a record says in its own words: the failed item and note, the conduct, the 党建 step
function recordWords(d: Record<string, unknown>): string {
  return ['item', 'note', 'description', 'person', 'project', 'comments']
    .map((k) => d[k])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' · ');
}
