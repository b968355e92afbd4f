import { useMemo } from 'react';
import type { CoverageProgress, UnmanagedCompound } from '../../../common/api.ts';
import { EChart } from '../../charts/echart.tsx';
import { formatShare } from '../../lib/i18n.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { buildProgressLinesOption, type ProgressLine } from './coverage-progress-option.ts';

const CHART_STYLE = { height: 200 };

export type CoverageProgressPanelProps = {
  district: ApiState<CoverageProgress>;
  districtName: string;
  /** the picked street's progress beside the district's; null when none is picked */
  street: { name: string; progress: ApiState<CoverageProgress> } | null;
  unmanaged: ApiState<UnmanagedCompound[]>;
  today: string;
  onPickCompound: (id: number) => void;
};

/**
 * Coverage progress for the planner: the covered share of the baseline-unmanaged compounds over
 * time for the district (and the picked street) against the targets, and the compounds that are
 * still unmanaged.
 */
export function CoverageProgressPanel(props: CoverageProgressPanelProps) {
  const { t } = useI18n();
  const { district, street, unmanaged, today } = props;
  const lines = useMemo(() => {
    const result: ProgressLine[] = [];
    if (district.status === 'ready') {
      result.push({ name: props.districtName, progress: district.data });
    }
    if (street?.progress.status === 'ready') {
      result.push({ name: street.name, progress: street.progress.data });
    }
    return result;
  }, [district, street, props.districtName]);
  const option = useMemo(() => buildProgressLinesOption(lines, t, today), [lines, t, today]);
  const failure = [district, street?.progress, unmanaged].find((s) => s?.status === 'error');

  return (
    <section className="panel plan-panel" aria-labelledby="plan-progress-title">
      <h2 id="plan-progress-title" className="panel__title">
        {t('coverage.progress')}
      </h2>
      {failure?.status === 'error' && (
        <p className="panel__status panel__status--error" role="alert">
          {failure.error.message}
        </p>
      )}
      <dl className="plan-figures">
        {district.status === 'ready' && (
          <Figure name={props.districtName} progress={district.data} testId="progress-district" />
        )}
        {street?.progress.status === 'ready' && (
          <Figure name={street.name} progress={street.progress.data} testId="progress-street" />
        )}
      </dl>
      {lines.length > 0 ? (
        <EChart option={option} style={CHART_STYLE} label={t('coverage.progress')} />
      ) : (
        <p className="panel__status">{t('coverage.loading')}</p>
      )}
      <h3 className="panel__subtitle">
        {t('plan.unmanagedTable', {
          count: unmanaged.status === 'ready' ? unmanaged.data.length : '…',
        })}
      </h3>
      {unmanaged.status === 'ready' && (
        <div className="plan-table-wrap">
          <table className="plan-table" aria-label={t('plan.unmanagedTableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('compound.community')}</th>
                <th scope="col">{t('plan.compoundName')}</th>
                <th scope="col" className="plan-table__num">
                  {t('compound.households')}
                </th>
                <th scope="col">{t('plan.inProposal')}</th>
              </tr>
            </thead>
            <tbody>
              {unmanaged.data.map((compound) => (
                <tr key={compound.id} data-compound-id={compound.id}>
                  <td>{compound.community.name}</td>
                  <td>
                    <button
                      type="button"
                      className="plan-link"
                      onClick={() => props.onPickCompound(compound.id)}
                    >
                      {compound.name}
                    </button>
                  </td>
                  <td className="plan-table__num">{compound.households}</td>
                  <td>
                    {compound.proposal ? (
                      <span className={`plan-state plan-state--${compound.proposal.state}`}>
                        #{compound.proposal.id} {t(`plan.state.${compound.proposal.state}`)}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Figure({
  name,
  progress,
  testId,
}: {
  name: string;
  progress: CoverageProgress;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <div className="plan-figure" data-testid={testId} data-covered={progress.coveredSinceBaseline}>
      <dt>{name}</dt>
      <dd>
        <strong>{formatShare(progress.share)}</strong>{' '}
        {t('plan.coveredOf', {
          covered: progress.coveredSinceBaseline,
          total: progress.baselineUnmanaged,
        })}
      </dd>
    </div>
  );
}
