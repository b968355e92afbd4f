import { useMemo } from 'react';
import type { CoverageSummary } from '../../../common/api.ts';
import { EChart } from '../../charts/echart.tsx';
import { formatShare } from '../../lib/i18n.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { buildCoverageModeOption, buildCoverageProgressOption } from './coverage-chart-option.ts';

export type CoveragePanelProps = { summary: ApiState<CoverageSummary> };

/** District coverage by mode and the progress towards the plan's 2024 targets. */
export function CoveragePanel({ summary }: CoveragePanelProps) {
  const { t } = useI18n();
  return (
    <section className="panel coverage-panel" aria-label={t('coverage.title')}>
      <h2 className="panel__title">{t('coverage.title')}</h2>
      {summary.status === 'loading' && <p className="panel__status">{t('coverage.loading')}</p>}
      {summary.status === 'error' && (
        <p className="panel__status panel__status--error" role="alert">
          {t('app.loadFailed', { message: summary.error.message })}
        </p>
      )}
      {summary.status === 'ready' && <CoverageBody summary={summary.data} />}
    </section>
  );
}

function CoverageBody({ summary }: { summary: CoverageSummary }) {
  const { t } = useI18n();
  const modeOption = useMemo(() => buildCoverageModeOption(summary, t), [summary, t]);
  const progressOption = useMemo(() => buildCoverageProgressOption(summary, t), [summary, t]);
  const { district, progress } = summary;
  return (
    <>
      <div className="kpis">
        <Kpi
          label={t('coverage.districtShare')}
          value={formatShare(district.coveredShare)}
          accent
        />
        <Kpi
          label={t('coverage.compoundsTotal')}
          value={t('legend.count', { count: district.compounds })}
        />
        <Kpi
          label={t('coverage.unmanaged')}
          value={t('legend.count', { count: district.counts.none.compounds })}
          alert
        />
      </div>

      <h3 className="panel__subtitle">{t('coverage.byMode')}</h3>
      <EChart option={modeOption} style={{ height: 132 }} label={t('coverage.byMode')} />

      <h3 className="panel__subtitle">{t('coverage.progress')}</h3>
      <p className="panel__note">
        {t('coverage.progressDetail', {
          date: progress.baselineDate,
          total: progress.baselineUnmanaged,
          covered: progress.coveredSinceBaseline,
        })}
      </p>
      <ul className="targets">
        {progress.targets.map((target) => {
          const status = target.met === null ? 'pending' : target.met ? 'met' : 'missed';
          const statusKey =
            status === 'pending'
              ? 'coverage.targetPending'
              : status === 'met'
                ? 'coverage.targetMet'
                : 'coverage.targetMissed';
          return (
            <li key={target.date} className={`target target--${status}`}>
              <span className="target__label">
                {t('coverage.target', { date: target.date, share: formatShare(target.share) })}
              </span>
              <span className="target__status">{t(statusKey)}</span>
            </li>
          );
        })}
      </ul>
      <EChart option={progressOption} style={{ height: 168 }} label={t('coverage.progress')} />
    </>
  );
}

function Kpi({
  label,
  value,
  accent = false,
  alert = false,
}: {
  label: string;
  value: string;
  accent?: boolean;
  alert?: boolean;
}) {
  const modifier = accent ? ' kpi--accent' : alert ? ' kpi--alert' : '';
  return (
    <div className={`kpi${modifier}`}>
      <div className="kpi__value">{value}</div>
      <div className="kpi__label">{label}</div>
    </div>
  );
}
