import { IMPORT_CRS, IMPORT_REGISTERS, type ImportReport } from '../../../common/ledgers.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { downloadFile, type UploadState } from './ledgers-api.ts';
import { useLedgerUpload } from './use-ledger-upload.ts';

export type ImportPanelProps = { token: string };

/** Template download, upload with a progress bar, the dry run's report, apply. */
export function ImportPanel({ token }: ImportPanelProps) {
  const { t } = useI18n();
  const u = useLedgerUpload(token);
  const busy = u.state.phase === 'upload' || u.state.phase === 'server';
  const done = u.state.phase === 'done' ? u.state : null;
  const canApply = done?.report?.dryRun === true && done.report.issues.length === 0;
  return (
    <section className="ledgers-card" aria-labelledby="import-title">
      <h2 id="import-title">{t('ledgers.import.title')}</h2>
      <div className="ledgers-form">
        <label>
          {t('ledgers.import.register')}
          <select
            value={u.register}
            onChange={(e) => u.setRegister(e.target.value as typeof u.register)}
          >
            {IMPORT_REGISTERS.map((r) => (
              <option key={r} value={r}>
                {t(`ledgers.import.register.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() =>
            void downloadFile(
              token,
              `/api/imports/templates/${u.register}.xlsx`,
              `${u.register}.xlsx`,
            )
          }
        >
          {t('ledgers.import.template')}
        </button>
        <label>
          {t('ledgers.import.crs')}
          <select value={u.crs} onChange={(e) => u.setCrs(e.target.value as typeof u.crs)}>
            {IMPORT_CRS.map((c) => (
              <option key={c} value={c}>
                {t(`ledgers.import.crs.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="ledgers-file">
          {t('ledgers.import.file')}
          <input
            type="file"
            accept=".xlsx,.csv,.geojson,.json"
            onChange={(e) => u.choose(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="button" disabled={!u.file || busy} onClick={() => void u.run(true)}>
          {t('ledgers.import.dryRun')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!canApply || busy}
          onClick={() => void u.run(false)}
        >
          {t('ledgers.import.apply')}
        </button>
      </div>
      <ProgressBar state={u.state} />
      {done?.error && !done.report && <p className="ledgers-error">{done.error}</p>}
      {done?.report && <ImportReportView report={done.report} status={done.status} />}
    </section>
  );
}

function ProgressBar({ state }: { state: UploadState }) {
  const { t } = useI18n();
  if (state.phase === 'idle' || state.phase === 'done') return null;
  const uploading = state.phase === 'upload';
  const percent = uploading ? Math.round((state.done / Math.max(1, state.total)) * 100) : 100;
  const phase = uploading ? 'upload' : (state.progress?.phase ?? 'parse');
  const label = uploading
    ? t('ledgers.import.uploading', { percent })
    : t(`ledgers.import.phase.${phase}`);
  return (
    <div className="ledgers-progress">
      <progress max={100} value={uploading ? percent : undefined} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

function ImportReportView({ report, status }: { report: ImportReport; status: number }) {
  const { t, locale } = useI18n();
  return (
    <div className="ledgers-report" data-testid="import-report">
      <p>
        {t('ledgers.import.counts', report.counts)} ·{' '}
        {t('ledgers.import.crsUsed', { crs: report.crs.toUpperCase() })}
        {report.crsDetected ? t('ledgers.import.crsDetected') : ''}
      </p>
      {!report.dryRun && report.importId !== null && (
        <p className="ledgers-ok">{t('ledgers.import.applied', { id: report.importId })}</p>
      )}
      {status === 422 && <p className="ledgers-error">{t('ledgers.import.refused')}</p>}
      {report.issues.length === 0 ? (
        report.dryRun && <p className="ledgers-ok">{t('ledgers.import.noIssues')}</p>
      ) : (
        <table className="ledgers-table">
          <thead>
            <tr>
              <th>{t('ledgers.import.row')}</th>
              <th>{t('ledgers.import.cell')}</th>
              <th>{t('ledgers.import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((i) => (
              <tr key={`${i.row}-${i.cell}-${i.field}`}>
                <td>{i.row}</td>
                <td>{i.cell}</td>
                <td>{locale === 'en' ? i.en : i.zh}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
