import { describe, expect, it } from 'vitest';
import type { CoverageProgress, CoverageSummary, CoverageUnit } from '../../common/api.ts';
import {
  buildCoverageGaugeOption,
  buildStreetCoverageOption,
} from '../../client/features/wall/wall-coverage-option.ts';
import { createTranslator } from '../../client/lib/i18n.ts';

const t = createTranslator('zh-CN');

function unit(code: string, name: string, coveredShare: number): CoverageUnit {
  const none = { compounds: 0, households: 0 };
  return {
    code,
    name,
    counts: { professional: none, street_company: none, self_managed: none, none },
    compounds: 0,
    households: 0,
    coveredShare,
  };
}

function progress(share: number): CoverageProgress {
  return {
    baselineDate: '2024-03-18',
    baselineUnmanaged: 200,
    coveredSinceBaseline: Math.round(share * 200),
    share,
    timeline: [],
    targets: [
      { date: '2024-12-31', share: 1, met: null },
      { date: '2024-06-30', share: 0.7, met: false },
    ],
  };
}

describe('buildCoverageGaugeOption', () => {
  it('shows the covered share on a track marked red up to the first target, gold beyond', () => {
    expect(buildCoverageGaugeOption(progress(0.6555), t)).toEqual({
      animationDuration: 800,
      series: [
        {
          type: 'gauge',
          name: '基线无物业小区覆盖率',
          min: 0,
          max: 100,
          startAngle: 215,
          endAngle: -35,
          radius: '92%',
          center: ['50%', '58%'],
          progress: { show: true, width: 14, itemStyle: { color: '#36cfff' } },
          axisLine: {
            lineStyle: {
              width: 14,
              color: [
                [0.7, 'rgba(255, 77, 90, 0.28)'],
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
          title: { offsetCenter: [0, '38%'], color: '#8fa3bf', fontSize: 13 },
          detail: {
            offsetCenter: [0, '2%'],
            valueAnimation: true,
            formatter: '{value}%',
            color: '#e6edf7',
            fontSize: 34,
            fontWeight: 'bold',
            fontFamily: 'DIN Alternate, Bahnschrift, Roboto Mono, monospace',
          },
          data: [{ value: 65.6, name: '已覆盖' }],
        },
      ],
    });
  });

  it('runs the track red all the way when no target is configured', () => {
    const option = buildCoverageGaugeOption({ ...progress(0), targets: [] }, t);
    const [series] = option.series as { axisLine: { lineStyle: { color: unknown } } }[];
    expect(series!.axisLine.lineStyle.color).toEqual([
      [1, 'rgba(255, 77, 90, 0.28)'],
      [1, 'rgba(250, 204, 21, 0.22)'],
    ]);
  });
});

describe('buildStreetCoverageOption', () => {
  const summary: CoverageSummary = {
    district: unit('350502', '鲤城区', 0.7),
    streets: [
      unit('350502001000', '海滨街道', 0.36),
      unit('350502002000', '临江街道', 0.9),
      unit('350502003000', '鲤中街道', 0.36),
    ],
    progress: progress(0.5),
  };

  it('draws streets highest at the top, below target in red, the street in view in gold', () => {
    expect(buildStreetCoverageOption(summary, '350502003000', 0.7, t)).toEqual({
      animationDuration: 600,
      grid: { left: 108, right: 48, top: 8, bottom: 8 },
      xAxis: { type: 'value', min: 0, max: 100, show: false },
      yAxis: {
        type: 'category',
        // ties by code, the higher code lower down
        data: ['鲤中街道', '海滨街道', '临江街道'],
        axisLabel: { color: '#e6edf7', fontSize: 13 },
        axisLine: { show: false },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          name: '各街道物业覆盖率',
          barWidth: 12,
          showBackground: true,
          backgroundStyle: { color: 'rgba(54, 120, 190, 0.18)', borderRadius: 6 },
          label: {
            show: true,
            position: 'right',
            formatter: '{c}%',
            color: '#e6edf7',
            fontSize: 13,
          },
          data: [
            { value: 36, itemStyle: { borderRadius: 6, color: '#facc15' } },
            { value: 36, itemStyle: { borderRadius: 6, color: '#ff4d5a' } },
            { value: 90, itemStyle: { borderRadius: 6, color: '#36cfff' } },
          ],
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#facc15', opacity: 0.7 },
            label: { show: false },
            data: [{ xAxis: 70 }],
          },
        },
      ],
    });
  });

  it('draws nothing for a district without streets', () => {
    const option = buildStreetCoverageOption({ ...summary, streets: [] }, null, 0.7, t);
    expect((option.yAxis as { data: string[] }).data).toEqual([]);
    expect((option.series as { data: unknown[] }[])[0]!.data).toEqual([]);
  });
});
