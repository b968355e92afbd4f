import type { EChartsOption } from 'echarts';
import type { CoverageProgress } from '../../../common/api.ts';
import type { Translate } from '../../lib/i18n.ts';
import { COVERAGE_MODE_COLORS, UI_COLORS, toCssColor } from '../../lib/theme.ts';
import { buildTargetSeries, toPercent } from './coverage-target-series.ts';

// pure: plain data in, plain data out (no formatter functions), compared whole in tests

const AXIS_LABEL = { color: UI_COLORS.textMuted, fontSize: 11 };
const LEGEND_TEXT = { color: UI_COLORS.text, fontSize: 12 };
/** the district in the progress colour of the dashboard, a street beside it in blue */
const LINE_COLORS = [
  toCssColor(COVERAGE_MODE_COLORS.professional),
  toCssColor(COVERAGE_MODE_COLORS.street_company),
];

/** One progress line: the district's or a street's, named for the legend. */
export type ProgressLine = { name: string; progress: CoverageProgress };

/**
 * The covered share of the baseline-unmanaged compounds over time, one step line per unit (the
 * district, and the picked street beside it), against the plan's dated targets (70% by
 * 2024-06-30, 100% by 2024-12-31) as dashed lines and diamonds. Each line starts at 0 on the
 * baseline date and is carried to `today`, so the last step shows where things stand.
 * @example buildProgressLinesOption([{ name: '鲤城区', progress }], t, '2024-09-01')
 */
export function buildProgressLinesOption(
  lines: readonly ProgressLine[],
  t: Translate,
  today: string,
): EChartsOption {
  const first = lines[0]?.progress;
  const targets = first?.targets ?? [];
  const baselineDate = first?.baselineDate ?? today;
  const dates = [
    today,
    ...targets.map((target) => target.date),
    ...lines.flatMap((line) => line.progress.timeline.map((point) => point.date)),
  ].sort();
  return {
    animation: false,
    grid: { left: 44, right: 14, top: 44, bottom: 26 }, // room for the legend above the 100% line
    tooltip: { trigger: 'axis' },
    legend: {
      top: 0,
      left: 0,
      itemWidth: 14,
      itemHeight: 8,
      textStyle: LEGEND_TEXT,
      data: [...lines.map((line) => line.name), t('coverage.seriesTarget')],
    },
    xAxis: {
      type: 'time',
      min: baselineDate,
      max: dates.at(-1) ?? today,
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
      ...lines.map((line, index) => ({
        type: 'line' as const,
        name: line.name,
        step: 'end' as const,
        symbol: 'circle',
        symbolSize: 5,
        color: LINE_COLORS[index % LINE_COLORS.length],
        lineStyle: { width: 2 },
        areaStyle: index === 0 ? { opacity: 0.16 } : undefined,
        data: toSteps(line.progress, today),
      })),
      buildTargetSeries(targets, t),
    ],
  };
}

/** A unit's steps in percent: 0 at the baseline, each month's figure, held until today. */
export function toSteps(progress: CoverageProgress, today: string): [string, number][] {
  const steps: [string, number][] = [[progress.baselineDate, 0]];
  for (const point of progress.timeline) steps.push([point.date, toPercent(point.share)]);
  const last = steps.at(-1)!;
  if (today > last[0]) steps.push([today, last[1]]);
  return steps;
}
