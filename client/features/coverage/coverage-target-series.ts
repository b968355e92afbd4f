import type { CoverageProgress } from '../../../common/api.ts';
import type { Translate } from '../../lib/i18n.ts';
import { UI_COLORS } from '../../lib/theme.ts';

const TARGET_COLORS = { met: '#2e9e6b', missed: '#ff5426', pending: UI_COLORS.gold } as const;

/** 0..1 → percent with one decimal, as plotted and labelled */
export function toPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}

/**
 * The plan's dated targets on a coverage chart: a diamond per target coloured met / missed /
 * pending, and a dashed line across at its share, labelled with date and share.
 * @example
 * series: [...lines, buildTargetSeries(progress.targets, t)]
 */
export function buildTargetSeries(targets: CoverageProgress['targets'], t: Translate) {
  return {
    type: 'scatter' as const,
    name: t('coverage.seriesTarget'),
    symbol: 'diamond',
    symbolSize: 11,
    color: UI_COLORS.gold,
    data: targets.map((target) => ({
      value: [target.date, toPercent(target.share)],
      itemStyle: {
        color:
          target.met === null
            ? TARGET_COLORS.pending
            : target.met
              ? TARGET_COLORS.met
              : TARGET_COLORS.missed,
      },
    })),
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { type: 'dashed' as const, color: UI_COLORS.gold, opacity: 0.6 },
      label: { position: 'insideStartTop' as const, color: UI_COLORS.gold, fontSize: 10 },
      data: targets.map((target) => ({
        yAxis: toPercent(target.share),
        label: {
          formatter: t('coverage.target', {
            date: target.date,
            share: `${toPercent(target.share)}%`,
          }),
        },
      })),
    },
  };
}
