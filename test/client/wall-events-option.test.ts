import { describe, expect, it } from 'vitest';
import type { WallSummary } from '../../common/wall.ts';
import {
  buildOverdueByStreetOption,
  buildTodayByGradeOption,
  buildTodayByStateOption,
  buildTopCategoriesOption,
  buildTrendOption,
} from '../../client/features/wall/wall-events-option.ts';
import { createTranslator } from '../../client/lib/i18n.ts';

const t = createTranslator('zh-CN');

const today: WallSummary['events']['today'] = {
  total: 9,
  byState: {
    reported: 3,
    accepted: 2,
    dispatched: 1,
    in_progress: 1,
    resolved: 1,
    closed: 1,
    returned: 0,
  },
  byGrade: { L1: 5, L2: 2, L3: 1, L4: 1 },
};

const CYAN_FADE = (x2: number, y2: number, from: string) => ({
  type: 'linear',
  x: 0,
  y: 0,
  x2,
  y2,
  colorStops: [
    { offset: 0, color: from },
    { offset: 1, color: '#36cfff' },
  ],
});

describe('buildTodayByStateOption', () => {
  it('draws one bar per state in workflow order from the top', () => {
    expect(buildTodayByStateOption(today, t)).toEqual({
      animationDuration: 600,
      grid: { left: 64, right: 36, top: 2, bottom: 2 },
      xAxis: { type: 'value', minInterval: 1, show: false },
      yAxis: {
        type: 'category',
        data: ['已退回', '已结案', '已办结', '处置中', '已派遣', '已受理', '待受理'],
        axisLabel: { color: '#e6edf7', fontSize: 13 },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: '今日事件处置状态',
          barWidth: 9,
          showBackground: true,
          backgroundStyle: { color: 'rgba(54, 120, 190, 0.18)', borderRadius: 5 },
          label: { show: true, position: 'right', color: '#e6edf7', fontSize: 13 },
          itemStyle: { borderRadius: 5, color: CYAN_FADE(1, 0, 'rgba(54, 207, 255, 0.25)') },
          data: [0, 1, 1, 1, 1, 2, 3],
        },
      ],
    });
  });
});

describe('buildTodayByGradeOption', () => {
  it('draws a ring in the warning colours with the total in its centre', () => {
    expect(buildTodayByGradeOption(today, t)).toEqual({
      animationDuration: 600,
      title: {
        text: '9',
        subtext: '今日上报',
        left: 'center',
        top: '34%',
        itemGap: 2,
        textStyle: { color: '#e6edf7', fontSize: 26, fontWeight: 'bold' },
        subtextStyle: { color: '#8fa3bf', fontSize: 12 },
      },
      series: [
        {
          type: 'pie',
          name: 'track',
          radius: ['62%', '84%'],
          center: ['50%', '50%'],
          silent: true,
          z: 1,
          label: { show: false },
          itemStyle: { color: 'rgba(54, 120, 190, 0.18)' },
          data: [{ value: 1 }],
        },
        {
          type: 'pie',
          name: '今日事件等级',
          radius: ['62%', '84%'],
          center: ['50%', '50%'],
          z: 2,
          avoidLabelOverlap: false,
          stillShowZeroSum: false,
          label: { show: false },
          itemStyle: { borderColor: '#0b1424', borderWidth: 2 },
          data: [
            { name: '一般', value: 5, itemStyle: { color: 'rgb(56, 152, 236)' } },
            { name: '较大', value: 2, itemStyle: { color: 'rgb(250, 204, 21)' } },
            { name: '重大', value: 1, itemStyle: { color: 'rgb(251, 133, 36)' } },
            { name: '特别重大', value: 1, itemStyle: { color: 'rgb(239, 45, 56)' } },
          ],
        },
      ],
    });
  });
});

describe('buildTrendOption', () => {
  it('plots reported and resolved per day, labelled by month and day', () => {
    const option = buildTrendOption(
      [
        { date: '2026-02-28', reported: 30, resolved: 28 },
        { date: '2026-03-01', reported: 12, resolved: 4 },
      ],
      t,
    );
    expect(option).toEqual({
      animationDuration: 600,
      grid: { left: 36, right: 12, top: 34, bottom: 24 },
      tooltip: { trigger: 'axis' },
      legend: {
        top: 0,
        right: 0,
        itemWidth: 14,
        itemHeight: 8,
        textStyle: { color: '#e6edf7', fontSize: 13 },
        data: ['上报', '已办结'],
      },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: ['02-28', '03-01'],
        axisLabel: { color: '#8fa3bf', fontSize: 12, interval: 6 },
        axisLine: { lineStyle: { color: 'rgba(54, 120, 190, 0.25)' } },
        axisTick: { show: false },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: '#8fa3bf', fontSize: 13 },
        splitLine: { lineStyle: { color: 'rgba(54, 120, 190, 0.25)', type: 'dashed' } },
      },
      series: [
        {
          type: 'line',
          name: '上报',
          smooth: true,
          showSymbol: false,
          color: '#36cfff',
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
          data: [30, 12],
        },
        {
          type: 'line',
          name: '已办结',
          smooth: true,
          showSymbol: false,
          color: '#2ee6a6',
          lineStyle: { width: 2, type: 'dashed' },
          data: [28, 4],
        },
      ],
    });
  });

  it('names the series in English when asked', () => {
    const option = buildTrendOption([], createTranslator('en'));
    expect((option.legend as { data: string[] }).data).toEqual(['Reported', 'Resolved']);
  });
});

describe('buildOverdueByStreetOption', () => {
  it('lists streets most overdue at the top, the street in view in gold', () => {
    const rows = [
      { code: '350502004000', name: '开元街道', overdue: 5 },
      { code: '350502001000', name: '海滨街道', overdue: 2 },
      { code: '350502002000', name: '临江街道', overdue: 0 },
    ];
    expect(buildOverdueByStreetOption(rows, '350502001000', t)).toEqual({
      animationDuration: 600,
      grid: { left: 108, right: 40, top: 4, bottom: 4 },
      xAxis: { type: 'value', minInterval: 1, show: false },
      yAxis: {
        type: 'category',
        data: ['临江街道', '海滨街道', '开元街道'],
        axisLabel: { color: '#e6edf7', fontSize: 13 },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: '各街道超时事件',
          barWidth: 10,
          showBackground: true,
          backgroundStyle: { color: 'rgba(54, 120, 190, 0.18)', borderRadius: 5 },
          label: { show: true, position: 'right', color: '#e6edf7', fontSize: 13 },
          data: [
            { value: 0, itemStyle: { borderRadius: 5, color: '#ff4d5a' } },
            { value: 2, itemStyle: { borderRadius: 5, color: '#facc15' } },
            { value: 5, itemStyle: { borderRadius: 5, color: '#ff4d5a' } },
          ],
        },
      ],
    });
  });
});

describe('buildTopCategoriesOption', () => {
  it('lists categories by name, the most frequent at the top', () => {
    const option = buildTopCategoriesOption(
      [
        { category: 'property_service', count: 40 },
        { category: 'parking', count: 12 },
      ],
      t,
    );
    expect(option).toEqual({
      animationDuration: 600,
      grid: { left: 112, right: 44, top: 4, bottom: 4 },
      xAxis: { type: 'value', minInterval: 1, show: false },
      yAxis: {
        type: 'category',
        data: ['停车管理', '物业服务质量'],
        axisLabel: { color: '#e6edf7', fontSize: 13 },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: '近 30 日高发类别',
          barWidth: 10,
          showBackground: true,
          backgroundStyle: { color: 'rgba(54, 120, 190, 0.18)', borderRadius: 5 },
          label: { show: true, position: 'right', color: '#e6edf7', fontSize: 13 },
          itemStyle: {
            borderRadius: 5,
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 1,
              y2: 0,
              colorStops: [
                { offset: 0, color: 'rgba(250, 204, 21, 0.35)' },
                { offset: 1, color: '#facc15' },
              ],
            },
          },
          data: [12, 40],
        },
      ],
    });
  });

  it('draws an empty chart when nothing was reported', () => {
    const option = buildTopCategoriesOption([], t);
    expect((option.yAxis as { data: string[] }).data).toEqual([]);
  });
});
