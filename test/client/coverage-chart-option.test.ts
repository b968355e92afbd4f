import { describe, expect, it } from 'vitest';
import type { CoverageSummary, CoverageUnit } from '../../common/api.ts';
import {
  buildCoverageModeOption,
  buildCoverageProgressOption,
} from '../../client/features/coverage/coverage-chart-option.ts';
import { createTranslator } from '../../client/lib/i18n.ts';

function unit(code: string, name: string): CoverageUnit {
  return {
    code,
    name,
    counts: {
      professional: { compounds: 120, households: 30000 },
      street_company: { compounds: 60, households: 9000 },
      self_managed: { compounds: 51, households: 4000 },
      none: { compounds: 69, households: 5200 },
    },
    compounds: 300,
    households: 48200,
    coveredShare: 0.77,
  };
}

function summary(): CoverageSummary {
  return {
    district: unit('350502', '鲤城区'),
    streets: [unit('350502001000', '海滨街道')],
    progress: {
      baselineDate: '2024-01-01',
      baselineUnmanaged: 200,
      coveredSinceBaseline: 131,
      share: 0.655,
      timeline: [
        { date: '2024-03-31', covered: 60, share: 0.3 },
        { date: '2024-06-30', covered: 131, share: 0.655 },
      ],
      targets: [
        { date: '2024-06-30', share: 0.7, met: false },
        { date: '2024-12-31', share: 1, met: null },
      ],
    },
  };
}

describe('buildCoverageModeOption', () => {
  it('builds a doughnut of compounds by coverage mode in the legend colours', () => {
    expect(buildCoverageModeOption(summary(), createTranslator('zh-CN'))).toEqual({
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: {
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemWidth: 10,
        itemHeight: 10,
        itemGap: 8,
        textStyle: { color: '#e6edf7', fontSize: 12 },
      },
      series: [
        {
          type: 'pie',
          name: '按覆盖方式（小区数）',
          radius: ['52%', '82%'],
          center: ['22%', '50%'],
          label: { show: false },
          itemStyle: { borderColor: '#0b1424', borderWidth: 2 },
          data: [
            { name: '专业化物业企业', value: 120, itemStyle: { color: 'rgb(46, 158, 107)' } },
            { name: '街道社区物业公司', value: 60, itemStyle: { color: 'rgb(59, 130, 206)' } },
            { name: '居民自我管理', value: 51, itemStyle: { color: 'rgb(104, 192, 200)' } },
            { name: '无物业', value: 69, itemStyle: { color: 'rgb(255, 84, 38)' } },
          ],
        },
      ],
    });
  });

  it('names the slices in English when asked', () => {
    const option = buildCoverageModeOption(summary(), createTranslator('en'));
    const [series] = option.series as [{ name: string; data: { name: string }[] }];
    expect(series.name).toBe('By coverage mode (compounds)');
    expect(series.data.map((slice) => slice.name)).toEqual([
      'Professional enterprise',
      'Street/community company',
      'Resident self-management',
      'Unmanaged',
    ]);
  });
});

describe('buildCoverageProgressOption', () => {
  it('plots the covered share from the baseline against the 70% and 100% targets', () => {
    expect(buildCoverageProgressOption(summary(), createTranslator('zh-CN'))).toEqual({
      animation: false,
      grid: { left: 44, right: 12, top: 30, bottom: 26 },
      tooltip: { trigger: 'axis' },
      legend: {
        top: 0,
        right: 0,
        itemWidth: 14,
        itemHeight: 8,
        textStyle: { color: '#e6edf7', fontSize: 12 },
        data: ['已覆盖占比', '目标'],
      },
      xAxis: {
        type: 'time',
        min: '2024-01-01',
        max: '2024-12-31',
        axisLabel: { color: '#8fa3bf', fontSize: 11, formatter: '{yyyy}-{MM}', hideOverlap: true },
        axisLine: { lineStyle: { color: '#223651' } },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        interval: 25,
        axisLabel: { color: '#8fa3bf', fontSize: 11, formatter: '{value}%' },
        splitLine: { lineStyle: { color: '#223651' } },
      },
      series: [
        {
          type: 'line',
          name: '已覆盖占比',
          step: 'end',
          symbol: 'circle',
          symbolSize: 5,
          color: 'rgb(46, 158, 107)',
          lineStyle: { width: 2 },
          areaStyle: { opacity: 0.18 },
          data: [
            ['2024-01-01', 0],
            ['2024-03-31', 30],
            ['2024-06-30', 65.5],
          ],
        },
        {
          type: 'scatter',
          name: '目标',
          symbol: 'diamond',
          symbolSize: 11,
          color: '#facc15',
          data: [
            { value: ['2024-06-30', 70], itemStyle: { color: '#ff5426' } },
            { value: ['2024-12-31', 100], itemStyle: { color: '#facc15' } },
          ],
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#facc15', opacity: 0.6 },
            label: { position: 'insideStartTop', color: '#facc15', fontSize: 10 },
            data: [
              { yAxis: 70, label: { formatter: '2024-06-30 目标 70%' } },
              { yAxis: 100, label: { formatter: '2024-12-31 目标 100%' } },
            ],
          },
        },
      ],
    });
  });

  it('colours a met target green', () => {
    const input = summary();
    input.progress.targets = [{ date: '2024-06-30', share: 0.7, met: true }];
    const option = buildCoverageProgressOption(input, createTranslator('en'));
    const [, targets] = option.series as [unknown, { data: { itemStyle: { color: string } }[] }];
    expect(targets.data.map((point) => point.itemStyle.color)).toEqual(['#2e9e6b']);
  });

  it('ends the time axis at the last target even with an empty timeline', () => {
    const input = summary();
    input.progress.timeline = [];
    const option = buildCoverageProgressOption(input, createTranslator('en'));
    const xAxis = option.xAxis as { min: string; max: string };
    const [line] = option.series as [{ data: unknown[] }];
    expect([xAxis.min, xAxis.max]).toEqual(['2024-01-01', '2024-12-31']);
    expect(line.data).toEqual([['2024-01-01', 0]]);
  });
});
