import type { EChartsOption } from 'echarts';
import { EVENT_STATES, GRADES, type Category } from '../../../common/grievances.ts';
import type { WallSummary } from '../../../common/wall.ts';
import type { Translate } from '../../lib/i18n.ts';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';
import { WALL_AXIS_LABEL, WALL_COLORS, WALL_LEGEND_TEXT, WALL_SPLIT_LINE } from './wall-theme.ts';

// pure option builders for the wall's event panels (no formatter functions: tests compare whole).

type Events = WallSummary['events'];

/** Today's events by their current state, one bar per state in workflow order from the top. */
export function buildTodayByStateOption(today: Events['today'], t: Translate): EChartsOption {
  const bottomUp = [...EVENT_STATES].reverse(); // category axes draw their first item at the bottom
  return horizontalBars({
    grid: { left: 64, right: 36, top: 2, bottom: 2 },
    labels: bottomUp.map((state) => t(`state.${state}`)),
    name: t('wall.todayByState'),
    barWidth: 9,
    itemStyle: { borderRadius: 5, color: gradient('rgba(54, 207, 255, 0.25)', WALL_COLORS.accent) },
    data: bottomUp.map((state) => today.byState[state]),
  });
}

/** Today's events by grade as a ring in the warning colours, the total in its centre. */
export function buildTodayByGradeOption(today: Events['today'], t: Translate): EChartsOption {
  return {
    animationDuration: 600,
    title: {
      text: String(today.total),
      subtext: t('wall.todayTotal'),
      left: 'center',
      top: '34%',
      itemGap: 2,
      textStyle: { color: WALL_COLORS.text, fontSize: 26, fontWeight: 'bold' },
      subtextStyle: { color: WALL_COLORS.muted, fontSize: 12 },
    },
    series: [
      {
        // the track under the ring, so a day without events shows an empty ring
        type: 'pie',
        name: 'track',
        radius: ['62%', '84%'],
        center: ['50%', '50%'],
        silent: true,
        z: 1,
        label: { show: false },
        itemStyle: { color: WALL_COLORS.track },
        data: [{ value: 1 }],
      },
      {
        type: 'pie',
        name: t('wall.todayByGrade'),
        radius: ['62%', '84%'],
        center: ['50%', '50%'],
        z: 2,
        avoidLabelOverlap: false,
        stillShowZeroSum: false, // no events yet: no four equal slices
        label: { show: false },
        itemStyle: { borderColor: '#0b1424', borderWidth: 2 },
        data: GRADES.map((grade) => ({
          name: t(`grade.${grade}`),
          value: today.byGrade[grade],
          itemStyle: { color: toCssColor(GRADE_COLORS[grade]) },
        })),
      },
    ],
  };
}

/** The last 30 days: events reported per day (area) and how many of them are resolved (line). */
export function buildTrendOption(trend: Events['trend'], t: Translate): EChartsOption {
  const reported = t('wall.seriesReported');
  const resolved = t('wall.seriesResolved');
  return {
    animationDuration: 600,
    grid: { left: 36, right: 12, top: 34, bottom: 24 },
    tooltip: { trigger: 'axis' },
    legend: {
      top: 0,
      right: 0,
      itemWidth: 14,
      itemHeight: 8,
      textStyle: WALL_LEGEND_TEXT,
      data: [reported, resolved],
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: trend.map((day) => day.date.slice(5)),
      axisLabel: { ...WALL_AXIS_LABEL, fontSize: 12, interval: 6 },
      axisLine: { lineStyle: { color: WALL_COLORS.grid } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: WALL_AXIS_LABEL,
      splitLine: WALL_SPLIT_LINE,
    },
    series: [
      {
        type: 'line',
        name: reported,
        smooth: true,
        showSymbol: false,
        color: WALL_COLORS.accent,
        lineStyle: { width: 2 },
        areaStyle: {
          color: {
            type: 'linear',
            x: 0,
            y: 0,
            x2: 0,
            y2: 1,
            colorStops: [
              { offset: 0, color: 'rgba(54, 207, 255, 0.45)' },
              { offset: 1, color: 'rgba(54, 207, 255, 0.02)' },
            ],
          },
        },
        data: trend.map((day) => day.reported),
      },
      {
        type: 'line',
        name: resolved,
        smooth: true,
        showSymbol: false,
        color: WALL_COLORS.resolved,
        lineStyle: { width: 2, type: 'dashed' },
        data: trend.map((day) => day.resolved),
      },
    ],
  };
}

/** Open overdue events by street, most at the top; the street in view in gold. */
export function buildOverdueByStreetOption(
  rows: Events['overdueByStreet'],
  focusCode: string | null,
  t: Translate,
): EChartsOption {
  const bottomUp = [...rows].reverse(); // category axes draw their first item at the bottom
  return horizontalBars({
    grid: { left: 108, right: 40, top: 4, bottom: 4 },
    labels: bottomUp.map((row) => row.name),
    name: t('wall.overdueByStreet'),
    barWidth: 10,
    data: bottomUp.map((row) => ({
      value: row.overdue,
      itemStyle: {
        borderRadius: 5,
        color: row.code === focusCode ? WALL_COLORS.gold : WALL_COLORS.red,
      },
    })),
  });
}

/** The most frequent categories of the last 30 days, most at the top. */
export function buildTopCategoriesOption(
  rows: { category: Category; count: number }[],
  t: Translate,
): EChartsOption {
  const bottomUp = [...rows].reverse();
  return horizontalBars({
    grid: { left: 112, right: 44, top: 4, bottom: 4 },
    labels: bottomUp.map((row) => t(`category.${row.category}`)),
    name: t('wall.topCategories'),
    barWidth: 10,
    itemStyle: { borderRadius: 5, color: gradient('rgba(250, 204, 21, 0.35)', WALL_COLORS.gold) },
    data: bottomUp.map((row) => row.count),
  });
}

// one bar per category row on a hidden value axis, each on a rounded track, its value at its end
function horizontalBars(o: {
  grid: { left: number; right: number; top: number; bottom: number };
  labels: string[];
  name: string;
  barWidth: number;
  itemStyle?: object;
  data: (number | { value: number; itemStyle: object })[];
}): EChartsOption {
  return {
    animationDuration: 600,
    grid: o.grid,
    xAxis: { type: 'value', minInterval: 1, show: false },
    yAxis: {
      type: 'category',
      data: o.labels,
      axisLabel: { ...WALL_AXIS_LABEL, color: WALL_COLORS.text },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: o.name,
        barWidth: o.barWidth,
        showBackground: true,
        backgroundStyle: { color: WALL_COLORS.track, borderRadius: 5 },
        label: { show: true, position: 'right', color: WALL_COLORS.text, fontSize: 13 },
        ...(o.itemStyle ? { itemStyle: o.itemStyle } : {}),
        data: o.data,
      },
    ],
  };
}

// a left-to-right linear gradient for a bar
function gradient(from: string, to: string) {
  return {
    type: 'linear' as const,
    x: 0,
    y: 0,
    x2: 1,
    y2: 0,
    colorStops: [
      { offset: 0, color: from },
      { offset: 1, color: to },
    ],
  };
}
