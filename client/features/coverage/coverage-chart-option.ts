import type { EChartsOption } from 'echarts';
import type { CoverageSummary } from '../../../common/api.ts';
import { COVERAGE_MODES } from '../../../common/domain.ts';
import type { Translate } from '../../lib/i18n.ts';
import { COVERAGE_MODE_COLORS, UI_COLORS, toCssColor } from '../../lib/theme.ts';
import { buildTargetSeries, toPercent } from './coverage-target-series.ts';

// pure option builders: plain data in, plain data out (no formatter functions), so tests can
// compare them whole with toEqual.

const AXIS_LABEL = { color: UI_COLORS.textMuted, fontSize: 11 };
const LEGEND_TEXT = { color: UI_COLORS.text, fontSize: 12 };
const PROGRESS_COLOR = toCssColor(COVERAGE_MODE_COLORS.professional);

/** District compounds by coverage mode, as a doughnut in the map's legend colours. */
export function buildCoverageModeOption(summary: CoverageSummary, t: Translate): EChartsOption {
  const { counts } = summary.district;
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 10,
      itemGap: 8,
      textStyle: LEGEND_TEXT,
    },
    series: [
      {
        type: 'pie',
        name: t('coverage.byMode'),
        radius: ['52%', '82%'],
        center: ['22%', '50%'],
        label: { show: false },
        itemStyle: { borderColor: UI_COLORS.background, borderWidth: 2 },
        data: COVERAGE_MODES.map((mode) => ({
          name: t(`coverageMode.${mode}`),
          value: counts[mode].compounds,
          itemStyle: { color: toCssColor(COVERAGE_MODE_COLORS[mode]) },
        })),
      },
    ],
  };
}

/**
 * The share of baseline-unmanaged compounds covered over time (a step line from the baseline),
 * with the plan's targets (70% by 2024-06-30, 100% by 2024-12-31) as dashed lines and markers.
 */
export function buildCoverageProgressOption(summary: CoverageSummary, t: Translate): EChartsOption {
  const { baselineDate, timeline, targets } = summary.progress;
  const lastDate = [...timeline.map((point) => point.date), ...targets.map((target) => target.date)]
    .sort()
    .at(-1);
  return {
    animation: false,
    grid: { left: 44, right: 12, top: 30, bottom: 26 },
    tooltip: { trigger: 'axis' },
    legend: {
      top: 0,
      right: 0,
      itemWidth: 14,
      itemHeight: 8,
      textStyle: LEGEND_TEXT,
      data: [t('coverage.seriesCovered'), t('coverage.seriesTarget')],
    },
    xAxis: {
      type: 'time',
      min: baselineDate,
      max: lastDate ?? baselineDate,
      axisLabel: { ...AXIS_LABEL, formatter: '{yyyy}-{MM}', hideOverlap: true },
      axisLine: { lineStyle: { color: UI_COLORS.gridLine } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { ...AXIS_LABEL, formatter: '{value}%' },
      splitLine: { lineStyle: { color: UI_COLORS.gridLine } },
    },
    series: [
      {
        type: 'line',
        name: t('coverage.seriesCovered'),
        step: 'end',
        symbol: 'circle',
        symbolSize: 5,
        color: PROGRESS_COLOR,
        lineStyle: { width: 2 },
        areaStyle: { opacity: 0.18 },
        data: [
          [baselineDate, 0],
          ...timeline.map((point): [string, number] => [point.date, toPercent(point.share)]),
        ],
      },
      buildTargetSeries(targets, t),
    ],
  };
}
