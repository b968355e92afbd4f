import { memo, useMemo } from 'react';
import type { WallSummary } from '../../common/wall.ts';
import {
  buildCoverageModeOption,
  buildCoverageProgressOption,
} from '../features/coverage/coverage-chart-option.ts';
import { EnterpriseBoard } from '../features/wall/enterprise-board.tsx';
import { RollingNumber } from '../features/wall/rolling-number.tsx';
import { ScrollBoard } from '../features/wall/scroll-board.tsx';
import { buildCommitteesOption } from '../features/wall/wall-committees-option.ts';
import {
  buildCoverageGaugeOption,
  buildStreetCoverageOption,
} from '../features/wall/wall-coverage-option.ts';
import {
  buildOverdueByStreetOption,
  buildTodayByGradeOption,
  buildTodayByStateOption,
  buildTopCategoriesOption,
  buildTrendOption,
} from '../features/wall/wall-events-option.ts';
import { WallChart } from '../features/wall/wall-chart.tsx';
import { WallPanel } from '../features/wall/wall-panel.tsx';
import { formatShare } from '../lib/i18n.ts';
import { useI18n } from '../lib/use-i18n.tsx';

export type WallPanelsProps = { data: WallSummary | null; pixelRatio: number };

/**
 * The wall's ten panels around the map. Memoised on the figures: the clock and the live batches
 * re-render the page every second, not the panels.
 */
export const WallPanels = memo(function WallPanels({ data, pixelRatio }: WallPanelsProps) {
  const { t } = useI18n();
  const options = useMemo(
    () =>
      data && {
        streetCoverage: buildStreetCoverageOption(
          data.coverage.summary,
          data.streetCode,
          data.coverage.progress.targets[0]?.share ?? 1,
          t,
        ),
        modes: buildCoverageModeOption(
          { ...data.coverage.summary, district: data.coverage.focus },
          t,
        ),
        todayByGrade: buildTodayByGradeOption(data.events.today, t),
        todayByState: buildTodayByStateOption(data.events.today, t),
        trend: buildTrendOption(data.events.trend, t),
        overdue: buildOverdueByStreetOption(data.events.overdueByStreet, data.streetCode, t),
        categories: buildTopCategoriesOption(data.events.topCategories, t),
      },
    [data, t],
  );

  return (
    <>
      <div className="wall-col wall-col--left">
        <WallPanel title={t('wall.coverage')} asOf={data?.asOf ?? null} className="wall-p1">
          {data && <CoveragePanel data={data} pixelRatio={pixelRatio} />}
        </WallPanel>
        <WallPanel title={t('wall.streetCoverage')} asOf={data?.asOf ?? null} className="wall-p2">
          {data && (
            <WallChart
              pixelRatio={pixelRatio}
              label={t('wall.streetCoverage')}
              option={options!.streetCoverage}
            />
          )}
        </WallPanel>
        <WallPanel title={t('wall.modes')} asOf={data?.asOf ?? null} className="wall-p3">
          {data && (
            <WallChart pixelRatio={pixelRatio} label={t('wall.modes')} option={options!.modes} />
          )}
        </WallPanel>
        <WallPanel title={t('wall.committees')} asOf={data?.asOf ?? null} className="wall-p4">
          {data && <CommitteesPanel data={data} pixelRatio={pixelRatio} />}
        </WallPanel>
      </div>

      <div className="wall-col wall-col--right">
        <WallPanel title={t('wall.today')} asOf={data?.asOf ?? null} className="wall-p5">
          {data && (
            <div className="wall-split">
              <WallChart
                pixelRatio={pixelRatio}
                label={t('wall.todayByGrade')}
                style={{ width: 170 }}
                option={options!.todayByGrade}
              />
              <WallChart
                pixelRatio={pixelRatio}
                label={t('wall.todayByState')}
                option={options!.todayByState}
              />
            </div>
          )}
        </WallPanel>
        <WallPanel title={t('wall.trend')} asOf={data?.asOf ?? null} className="wall-p6">
          {data && (
            <WallChart pixelRatio={pixelRatio} label={t('wall.trend')} option={options!.trend} />
          )}
        </WallPanel>
        <WallPanel title={t('wall.overdueByStreet')} asOf={data?.asOf ?? null} className="wall-p7">
          {data && (
            <WallChart
              pixelRatio={pixelRatio}
              label={t('wall.overdueByStreet')}
              option={options!.overdue}
            />
          )}
        </WallPanel>
        <WallPanel title={t('wall.topCategories')} asOf={data?.asOf ?? null} className="wall-p8">
          {data && (
            <WallChart
              pixelRatio={pixelRatio}
              label={t('wall.topCategories')}
              option={options!.categories}
            />
          )}
        </WallPanel>
      </div>

      <div className="wall-bottom">
        <WallPanel title={t('wall.latest')} asOf={data?.asOf ?? null} className="wall-p9">
          {data && <ScrollBoard events={data.events.latest} rows={6} />}
        </WallPanel>
        <WallPanel title={t('wall.enterprises')} asOf={data?.asOf ?? null} className="wall-p10">
          {data && <EnterpriseBoard list={data.enterprises} />}
        </WallPanel>
      </div>
    </>
  );
});

type PanelProps = { data: WallSummary; pixelRatio: number };

function CoveragePanel({ data, pixelRatio }: PanelProps) {
  const { t } = useI18n();
  const { progress } = data.coverage;
  const gauge = useMemo(() => buildCoverageGaugeOption(progress, t), [progress, t]);
  const trend = useMemo(
    () => buildCoverageProgressOption({ ...data.coverage.summary, progress }, t),
    [data.coverage.summary, progress, t],
  );
  return (
    <div className="wall-coverage">
      <div className="wall-split">
        <WallChart
          pixelRatio={pixelRatio}
          label={t('wall.coverageGauge')}
          style={{ width: 170 }}
          option={gauge}
        />
        <WallChart pixelRatio={pixelRatio} label={t('wall.coverageTrend')} option={trend} />
      </div>
      <p className="wall-note">
        {t('wall.coverageNote', {
          covered: progress.coveredSinceBaseline,
          total: progress.baselineUnmanaged,
        })}
        {progress.targets.map((target) => (
          <span
            key={target.date}
            className={`wall-target wall-target--${target.met === null ? 'pending' : target.met ? 'met' : 'missed'}`}
          >
            {t('wall.target', { date: target.date, share: formatShare(target.share) })}
          </span>
        ))}
      </p>
    </div>
  );
}

function CommitteesPanel({ data, pixelRatio }: PanelProps) {
  const { t } = useI18n();
  const { committees } = data;
  const option = useMemo(() => buildCommitteesOption(committees, t), [committees, t]);
  return (
    <div className="wall-split">
      <WallChart pixelRatio={pixelRatio} label={t('wall.committees')} option={option} />
      <div className="wall-rule">
        <span className="wall-rule__value">
          <RollingNumber
            value={Math.round(committees.partyRuleShare * 1000) / 10}
            decimals={1}
            suffix="%"
          />
        </span>
        <span className="wall-rule__label">{t('wall.partyRule')}</span>
        <span className="wall-rule__detail">
          {t('wall.partyRuleDetail', {
            meeting: committees.meetingPartyRule,
            elected: committees.byStatus.elected,
          })}
        </span>
      </div>
    </div>
  );
}
