import { describe, expect, it } from 'vitest';
import type { CoverageProgress, CoverageSummary, CoverageUnit } from '../../common/api.ts';
import { buildWallSummary, type WallSummaryRows } from '../../server/wall/wall-summary.ts';
import { DEFAULT_SCORE_RULE } from '../../server/enterprises/credit-score.ts';

const unit = (code: string, coveredShare: number): CoverageUnit => ({
  code,
  name: `单元 ${code}`,
  counts: {} as CoverageUnit['counts'],
  compounds: 10,
  households: 1000,
  coveredShare,
});
const progress = (share: number): CoverageProgress => ({
  baselineDate: '2026-01-01',
  baselineUnmanaged: 10,
  coveredSinceBaseline: share * 10,
  share,
  timeline: [],
  targets: [],
});
const coverage: CoverageSummary = {
  district: unit('350502', 0.5),
  streets: [unit('350502001000', 0.25), unit('350502002000', 0.75)],
  progress: progress(0.3),
};

const rows: WallSummaryRows = {
  today: [
    { state: 'reported', grade: 'L1', n: 3 },
    { state: 'reported', grade: 'L3', n: 1 },
    { state: 'closed', grade: 'L1', n: 2 },
  ],
  streets: [
    { code: '350502001000', name: '海滨街道', open: 5, overdue: 1 },
    { code: '350502002000', name: '临江街道', open: 7, overdue: 3 },
    { code: '350502003000', name: '鲤中街道', open: 2, overdue: 1 },
  ],
  trend: [
    { date: '2026-12-03', reported: 4, resolved: 1 },
    { date: '2026-12-05', reported: 6, resolved: 2 },
  ],
  topCategories: [{ category: 'property_service', count: 9 }],
  latest: [
    {
      id: 7,
      category: 'property_service',
      grade: 'L1',
      state: 'reported',
      level: 'grid',
      streetCode: '350502001000',
      reportedAt: new Date('2026-12-05T01:02:03Z'),
      overdue: false,
      streetName: '海滨街道',
      communityName: '社区',
    },
  ],
  committees: { compounds: 20, elected: 8, temporary: 2, preparing: 3, meeting: 6 },
  enterprises: {
    id: 3,
    period: '2026Q3',
    asOf: '2026-09-30',
    publishedOn: '2026-10-08',
    rule: { ...DEFAULT_SCORE_RULE },
    red: [{ id: 1, name: '示例物业甲', compounds: 5, score: 100 }],
    black: [{ id: 2, name: '示例物业乙', compounds: 3, score: 55 }],
  },
  alarmGrades: ['L3', 'L4'],
  coverage,
  streetProgress: null,
};
const at = {
  asOf: '2026-12-05T02:00:00.000Z',
  today: '2026-12-05',
  days: ['2026-12-03', '2026-12-04', '2026-12-05'],
};

describe('buildWallSummary', () => {
  it('shapes the district summary from its rows', () => {
    expect(buildWallSummary({ ...at, streetCode: null }, rows)).toEqual({
      asOf: '2026-12-05T02:00:00.000Z',
      streetCode: null,
      today: '2026-12-05',
      events: {
        today: {
          total: 6,
          byState: {
            reported: 4,
            accepted: 0,
            dispatched: 0,
            in_progress: 0,
            resolved: 0,
            closed: 2,
            returned: 0,
          },
          byGrade: { L1: 5, L2: 0, L3: 1, L4: 0 },
        },
        open: 14,
        overdue: 5,
        trend: [
          { date: '2026-12-03', reported: 4, resolved: 1 },
          { date: '2026-12-04', reported: 0, resolved: 0 },
          { date: '2026-12-05', reported: 6, resolved: 2 },
        ],
        overdueByStreet: [
          { code: '350502002000', name: '临江街道', overdue: 3 },
          { code: '350502001000', name: '海滨街道', overdue: 1 },
          { code: '350502003000', name: '鲤中街道', overdue: 1 },
        ],
        topCategories: [{ category: 'property_service', count: 9 }],
        latest: [{ ...rows.latest[0], reportedAt: '2026-12-05T01:02:03.000Z' }],
      },
      committees: {
        compounds: 20,
        formed: 10,
        byStatus: { elected: 8, temporary: 2, preparing: 3, none: 7 },
        meetingPartyRule: 6,
        partyRuleShare: 0.75,
      },
      enterprises: {
        period: '2026Q3',
        publishedOn: '2026-10-08',
        redMin: 90,
        blackMax: 70,
        red: [{ id: 1, name: '示例物业甲', compounds: 5, score: 100 }],
        black: [{ id: 2, name: '示例物业乙', compounds: 3, score: 55 }],
      },
      coverage: { summary: coverage, focus: coverage.district, progress: progress(0.3) },
      alarmGrades: ['L3', 'L4'],
    });
  });

  it("counts one street's open and overdue events and focuses its coverage", () => {
    const street = buildWallSummary(
      { ...at, streetCode: '350502002000' },
      { ...rows, streetProgress: progress(0.6) },
    );
    expect([street.events.open, street.events.overdue]).toEqual([7, 3]);
    expect(street.events.overdueByStreet.map((s) => s.code)).toEqual([
      '350502002000',
      '350502001000',
      '350502003000',
    ]);
    expect(street.coverage).toEqual({
      summary: coverage,
      focus: coverage.streets[1],
      progress: progress(0.6),
    });
  });

  it('falls back to the district unit for a street without coverage, and shares 0 without elected committees', () => {
    const street = buildWallSummary(
      { ...at, streetCode: '350502003000' },
      {
        ...rows,
        committees: { compounds: 4, elected: 0, temporary: 0, preparing: 0, meeting: 0 },
        streetProgress: progress(0),
      },
    );
    expect(street.coverage.focus).toEqual(coverage.district);
    expect(street.committees).toEqual({
      compounds: 4,
      formed: 0,
      byStatus: { elected: 0, temporary: 0, preparing: 0, none: 4 },
      meetingPartyRule: 0,
      partyRuleShare: 0,
    });
  });
});
