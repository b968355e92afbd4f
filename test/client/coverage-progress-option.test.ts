import { describe, expect, it } from 'vitest';
import type { CoverageProgress } from '../../common/api.ts';
import {
  buildProgressLinesOption,
  toSteps,
} from '../../client/features/coverage/coverage-progress-option.ts';
import { createTranslator } from '../../client/lib/i18n.ts';

const t = createTranslator('zh-CN');

function progress(timeline: CoverageProgress['timeline']): CoverageProgress {
  return {
    baselineDate: '2024-03-18',
    baselineUnmanaged: 191,
    coveredSinceBaseline: timeline.at(-1)?.covered ?? 0,
    share: timeline.at(-1)?.share ?? 0,
    timeline,
    targets: [
      { date: '2024-06-30', share: 0.7, met: false },
      { date: '2024-12-31', share: 1, met: null },
    ],
  };
}

describe('toSteps', () => {
  it('starts at 0 on the baseline and holds the last figure until today', () => {
    const steps = toSteps(
      progress([
        { date: '2024-04-30', covered: 20, share: 20 / 191 },
        { date: '2024-05-31', covered: 57, share: 57 / 191 },
      ]),
      '2024-09-01',
    );
    expect(steps).toEqual([
      ['2024-03-18', 0],
      ['2024-04-30', 10.5],
      ['2024-05-31', 29.8],
      ['2024-09-01', 29.8],
    ]);
  });

  it('adds no step when the last month ends after today', () => {
    const steps = toSteps(
      progress([{ date: '2024-04-30', covered: 3, share: 3 / 191 }]),
      '2024-04-12',
    );
    expect(steps).toEqual([
      ['2024-03-18', 0],
      ['2024-04-30', 1.6],
    ]);
  });
});

describe('buildProgressLinesOption', () => {
  it('draws the district and a street as step lines against the targets', () => {
    const district = progress([{ date: '2024-04-30', covered: 20, share: 20 / 191 }]);
    const street = { ...progress([]), baselineUnmanaged: 44 };
    const option = buildProgressLinesOption(
      [
        { name: '鲤城区', progress: district },
        { name: '开元街道', progress: street },
      ],
      t,
      '2025-01-15',
    );
    const series = option.series as {
      type: string;
      name: string;
      data: unknown[];
      markLine?: { data: unknown[] };
    }[];
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['line', '鲤城区'],
      ['line', '开元街道'],
      ['scatter', '目标'],
    ]);
    expect(series[1]!.data).toEqual([
      ['2024-03-18', 0],
      ['2025-01-15', 0],
    ]);
    expect(series[2]!.markLine!.data).toEqual([
      { yAxis: 70, label: { formatter: '2024-06-30 目标 70%' } },
      { yAxis: 100, label: { formatter: '2024-12-31 目标 100%' } },
    ]);
    expect(option.xAxis).toMatchObject({ min: '2024-03-18', max: '2025-01-15' });
    expect((option.legend as { data: string[] }).data).toEqual(['鲤城区', '开元街道', '目标']);
  });

  it('draws the targets alone while nothing has loaded', () => {
    const option = buildProgressLinesOption([], t, '2024-05-01');
    expect((option.series as unknown[]).length).toBe(1);
    expect(option.xAxis).toMatchObject({ min: '2024-05-01', max: '2024-05-01' });
  });
});
