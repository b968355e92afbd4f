import type { EChartsOption } from 'echarts';
import type { CoverageProgress, CoverageSummary } from '../../../common/api.ts';
import type { Translate } from '../../lib/i18n.ts';
import { WALL_AXIS_LABEL, WALL_COLORS, toPercent } from './wall-theme.ts';

// pure option builders for the wall's coverage panels: plain data in, plain data out (no
// formatter functions), so tests compare them whole.

/**
 * The share of baseline-unmanaged compounds now covered, as a gauge whose track marks the plan's
 * targets: red up to the first target (70%), gold to the last (100%).
 */
export function buildCoverageGaugeOption(progress: CoverageProgress, t: Translate): EChartsOption {
  const marks = [...progress.targets].sort((a, b) => a.share - b.share);
  const first = marks[0]?.share ?? 1;
  return {
    animationDuration: 800,
    series: [
      {
        type: 'gauge',
        name: t('wall.coverageGauge'),
        min: 0,
        max: 100,
        startAngle: 215,
        endAngle: -35,
        radius: '92%',
        center: ['50%', '58%'],
        progress: { show: true, width: 14, itemStyle: { color: WALL_COLORS.accent } },
        axisLine: {
          lineStyle: {
            width: 14,
            color: [
              [first, 'rgba(255, 77, 90, 0.28)'],
              [1, 'rgba(250, 204, 21, 0.22)'],
            ],
          },
        },
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { distance: -14, length: 14, lineStyle: { color: '#0b1424', width: 2 } },
        splitNumber: 10,
        axisLabel: { show: false },
        anchor: { show: false },
        title: { offsetCenter: [0, '38%'], color: WALL_COLORS.muted, fontSize: 13 },
        detail: {
          offsetCenter: [0, '2%'],
          valueAnimation: true,
          formatter: '{value}%',
          color: WALL_COLORS.text,
          fontSize: 34,
          fontWeight: 'bold',
          fontFamily: 'DIN Alternate, Bahnschrift, Roboto Mono, monospace',
        },
        data: [{ value: toPercent(progress.share), name: t('wall.coverageGaugeName') }],
      },
    ],
  };
}

/**
 * Coverage share of every street as horizontal bars, highest at the top (category axes draw their
 * first item at the bottom); below the first target in red, the street in view in gold, the
 * target as a dashed line.
 */
export function buildStreetCoverageOption(
  summary: CoverageSummary,
  focusCode: string | null,
  targetShare: number,
  t: Translate,
): EChartsOption {
  const streets = [...summary.streets].sort(
    (a, b) => a.coveredShare - b.coveredShare || b.code.localeCompare(a.code),
  );
  return {
    animationDuration: 600,
    grid: { left: 108, right: 48, top: 8, bottom: 8 },
    xAxis: { type: 'value', min: 0, max: 100, show: false },
    yAxis: {
      type: 'category',
      data: streets.map((s) => s.name),
      axisLabel: { ...WALL_AXIS_LABEL, color: WALL_COLORS.text },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: t('wall.streetCoverage'),
        barWidth: 12,
        showBackground: true,
        backgroundStyle: { color: WALL_COLORS.track, borderRadius: 6 },
        label: {
          show: true,
          position: 'right',
          formatter: '{c}%',
          color: WALL_COLORS.text,
          fontSize: 13,
        },
        data: streets.map((s) => ({
          value: toPercent(s.coveredShare),
          itemStyle: {
            borderRadius: 6,
            color:
              s.code === focusCode
                ? WALL_COLORS.gold
                : s.coveredShare < targetShare
                  ? WALL_COLORS.red
                  : WALL_COLORS.accent,
          },
        })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: WALL_COLORS.gold, opacity: 0.7 },
          label: { show: false },
          data: [{ xAxis: toPercent(targetShare) }],
        },
      },
    ],
  };
}
