import { describe, expect, it } from 'vitest';
import {
  buildCoverageProgress,
  buildCoverageUnit,
  monthEnds,
} from '../../server/coverage/coverage.ts';

const TARGETS = [
  { date: '2024-06-30', share: 0.7 },
  { date: '2024-12-31', share: 1 },
];

describe('monthEnds', () => {
  it('lists the last day of every month, leap February included', () => {
    expect(monthEnds('2024-01-18', '2024-04-02')).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
  });

  it('crosses a year boundary', () => {
    expect(monthEnds('2024-11-05', '2025-02-01')).toEqual([
      '2024-11-30',
      '2024-12-31',
      '2025-01-31',
      '2025-02-28',
    ]);
  });

  it('gives one month when both dates fall in it', () => {
    expect(monthEnds('2024-03-18', '2024-03-20')).toEqual(['2024-03-31']);
  });
});

describe('buildCoverageUnit', () => {
  it('sums tallies per mode and computes the covered share of compounds', () => {
    const unit = buildCoverageUnit('350502001000', '海滨街道', [
      { unitCode: '350502001000', mode: 'professional', compounds: 6, households: 3000 },
      { unitCode: '350502001000', mode: 'none', compounds: 3, households: 150 },
      { unitCode: '350502001000', mode: 'self_managed', compounds: 1, households: 40 },
    ]);
    expect(unit).toEqual({
      code: '350502001000',
      name: '海滨街道',
      counts: {
        professional: { compounds: 6, households: 3000 },
        street_company: { compounds: 0, households: 0 },
        self_managed: { compounds: 1, households: 40 },
        none: { compounds: 3, households: 150 },
      },
      compounds: 10,
      households: 3190,
      coveredShare: 0.7,
    });
  });

  it('gives a zero share for a unit without compounds', () => {
    expect(buildCoverageUnit('x', 'empty', []).coveredShare).toBe(0);
  });
});

describe('buildCoverageProgress', () => {
  const options = { baselineDate: '2024-03-18', targets: TARGETS, today: '2026-11-28' };

  it('counts covered baseline compounds month by month and judges each target on its date', () => {
    const progress = buildCoverageProgress(
      [
        { coveredOn: '2024-04-10' },
        { coveredOn: '2024-06-30' },
        { coveredOn: '2024-07-01' },
        { coveredOn: null },
      ],
      options,
    );
    expect(progress.baselineUnmanaged).toBe(4);
    expect(progress.coveredSinceBaseline).toBe(3);
    expect(progress.share).toBe(0.75);
    expect(progress.timeline.map((t) => [t.date, t.covered])).toEqual([
      ['2024-03-31', 0],
      ['2024-04-30', 1],
      ['2024-05-31', 1],
      ['2024-06-30', 2],
      ['2024-07-31', 3],
      ['2024-08-31', 3],
      ['2024-09-30', 3],
      ['2024-10-31', 3],
      ['2024-11-30', 3],
      ['2024-12-31', 3],
    ]);
    // 2 of 4 by 2024-06-30 is 50% < 70%; 3 of 4 by year end is short of 100%
    expect(progress.targets).toEqual([
      { date: '2024-06-30', share: 0.7, met: false },
      { date: '2024-12-31', share: 1, met: false },
    ]);
  });

  it('marks a target met when the share on its date reaches it', () => {
    const progress = buildCoverageProgress(
      [{ coveredOn: '2024-05-01' }, { coveredOn: '2024-06-01' }, { coveredOn: '2024-12-31' }],
      options,
    );
    expect(progress.targets.map((t) => t.met)).toEqual([false, true]);
  });

  it('leaves a target that is not yet due undecided', () => {
    const progress = buildCoverageProgress([{ coveredOn: null }], {
      ...options,
      today: '2024-07-15',
    });
    expect(progress.targets.map((t) => t.met)).toEqual([false, null]);
  });

  it('reports zero progress, not NaN, when nothing was unmanaged', () => {
    const progress = buildCoverageProgress([], options);
    expect(progress.share).toBe(0);
    expect(progress.timeline.at(-1)).toEqual({ date: '2024-12-31', covered: 0, share: 0 });
  });
});
