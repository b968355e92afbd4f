import type { ReportSubmission } from '../../../common/ledgers.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { downloadFile, useReportList, useReportStep } from './ledgers-api.ts';

export type ReportsPanelProps = {
  token: string;
  period: string;
  periods: string[];
  onPeriod: (period: string) => void;
  /** the signed-in user may draft and submit (street or district admin) */
  canWrite: boolean;
  districtWide: boolean;
};

/** Each street's report for a period: due date, state, late; view/print and XLSX per unit. */
export function ReportsPanel({
  token,
  period,
  periods,
  onPeriod,
  canWrite,
  districtWide,
}: ReportsPanelProps) {
  const { t } = useI18n();
  const list = useReportList(token, period);
  const step = useReportStep(token);
  const late =
    list.status === 'ready' ? list.data.filter((r) => r.late && r.status !== 'submitted') : [];
  const unitLinks = (unit: string, name: string) => (
    <>
      <a className="button" href={`/ledgers?report=${unit}&period=${period}`}>
        {t('ledgers.reports.view')}
      </a>{' '}
      <button
        type="button"
        onClick={() =>
          void downloadFile(token, `/api/reports/${unit}/${period}.xlsx`, `${name}${period}.xlsx`)
        }
      >
        {t('ledgers.reports.xlsx')}
      </button>
    </>
  );
  return (
    <section className="ledgers-card" aria-labelledby="reports-title">
      <h2 id="reports-title">{t('ledgers.reports.title')}</h2>
      <label className="ledgers-form">
        {t('ledgers.reports.period')}
        <select value={period} onChange={(e) => onPeriod(e.target.value)}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        {districtWide && unitLinks('district', t('ledgers.reports.district'))}
      </label>
      {late.length > 0 && (
        <p className="ledgers-error" role="status">
          {t('ledgers.reports.reminder', { count: late.length, period, dueOn: late[0]!.dueOn })}
        </p>
      )}
      {list.status === 'ready' && (
        <table className="ledgers-table" data-testid="report-list">
          <thead>
            <tr>
              <th>{t('ledgers.reports.street')}</th>
              <th>{t('ledgers.reports.dueOn')}</th>
              <th>{t('ledgers.reports.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.streetCode} className={r.late ? 'is-flagged' : undefined}>
                <td>{r.streetName}</td>
                <td>{r.dueOn}</td>
                <td>
                  {t(`ledgers.reports.status.${r.status}`)}
                  {r.late ? ` · ${t('ledgers.reports.late')}` : ''}
                </td>
                <td>
                  {unitLinks(r.streetCode, r.streetName)}{' '}
                  {canWrite && (
                    <StepButtons row={r} onStep={(action) => step.mutate({ row: r, action })} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StepButtons({
  row,
  onStep,
}: {
  row: ReportSubmission;
  onStep: (a: 'draft' | 'submit') => void;
}) {
  const { t } = useI18n();
  if (row.status === 'submitted') return null;
  return (
    <>
      {row.status === 'not_started' && (
        <button type="button" onClick={() => onStep('draft')}>
          {t('ledgers.reports.draft')}
        </button>
      )}{' '}
      <button type="button" onClick={() => onStep('submit')}>
        {t('ledgers.reports.submit')}
      </button>
    </>
  );
}
