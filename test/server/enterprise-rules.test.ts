import { describe, expect, it } from 'vitest';
import type { CreditRecord, Interview } from '../../common/enterprises.ts';
import { isValidCreditCode } from '../../server/enterprises/credit-code.ts';
import {
  compoundStars,
  DEFAULT_SCORE_RULE,
  enterpriseScore,
  managerScore,
  periodEnd,
  rankRedBlack,
} from '../../server/enterprises/credit-score.ts';
import { drawInspection, strata } from '../../server/enterprises/inspection-draw.ts';

describe('isValidCreditCode (GB 32100-2015)', () => {
  it('accepts a real-format code with both check characters right', () => {
    expect(isValidCreditCode('9144030071526726XG')).toBe(true);
  });

  it('refuses the same code with a wrong final check character', () => {
    expect(isValidCreditCode('9144030071526726XH')).toBe(false);
  });

  it('refuses a wrong organisation-code check character, letters outside the set, and other lengths', () => {
    expect(isValidCreditCode('9144030071526727XG')).toBe(false);
    expect(isValidCreditCode('9144030071526726IG')).toBe(false);
    expect(isValidCreditCode('9144030071526726X')).toBe(false);
  });
});

const CANDIDATES = [
  { id: 1, streetCode: '350502001000' },
  { id: 2, streetCode: '350502001000' },
  { id: 3, streetCode: '350502001000' },
  { id: 4, streetCode: '350502002000' },
  { id: 5, streetCode: '350502002000' },
  { id: 6, streetCode: '350502003000' },
];
const INSPECTORS = ['陈一', '林二', '黄三', '吴四'];
const draw = (over: Partial<Parameters<typeof drawInspection>[0]> = {}) =>
  drawInspection({
    seed: 20261205,
    candidates: CANDIDATES,
    inspectors: INSPECTORS,
    enterpriseCount: 3,
    inspectorCount: 3,
    stratified: false,
    ...over,
  });

describe('drawInspection (双随机)', () => {
  it('draws enterprises and inspector pairs from the seed, exactly', () => {
    expect(draw()).toEqual([
      { enterpriseId: 5, inspectors: ['林二', '陈一'] },
      { enterpriseId: 4, inspectors: ['吴四', '林二'] },
      { enterpriseId: 6, inspectors: ['陈一', '吴四'] },
    ]);
  });

  it('gives the same draw for the same seed whatever order the candidates come in', () => {
    expect(
      draw({ candidates: [...CANDIDATES].reverse(), inspectors: [...INSPECTORS].reverse() }),
    ).toEqual(draw());
  });

  it('gives another draw for another seed', () => {
    expect(draw({ seed: 42 })).toEqual([
      { enterpriseId: 2, inspectors: ['吴四', '黄三'] },
      { enterpriseId: 1, inspectors: ['陈一', '吴四'] },
      { enterpriseId: 6, inspectors: ['黄三', '陈一'] },
    ]);
  });

  it('stratified by street, draws from each street in proportion', () => {
    expect(draw({ stratified: true })).toEqual([
      { enterpriseId: 2, inspectors: ['林二', '陈一'] },
      { enterpriseId: 1, inspectors: ['吴四', '林二'] },
      { enterpriseId: 5, inspectors: ['陈一', '吴四'] },
    ]);
    expect(strata(CANDIDATES, 4).map(([ids, n]) => [ids, n])).toEqual([
      [[1, 2, 3], 2],
      [[4, 5], 1],
      [[6], 1],
    ]);
  });

  it('refuses more enterprises or inspectors than there are candidates', () => {
    expect(() => draw({ enterpriseCount: 7 })).toThrow('enterpriseCount must be in [1, 6], got 7');
    expect(() => draw({ inspectorCount: 5 })).toThrow('inspectorCount must be in [1, 4], got 5');
  });
});

const record = (id: number, kind: CreditRecord['kind'], over: Partial<CreditRecord> = {}) =>
  ({
    id,
    kind,
    onDate: '2026-11-01',
    compoundId: null,
    managerId: null,
    details: {},
    recordedBy: 'district',
    ...over,
  }) satisfies CreditRecord;
const interview = (id: number, openedOn: string): Interview => ({
  id,
  reason: 'poor_service',
  subject: '电梯长期失修',
  openedOn,
  deadline: '2026-12-31',
  answer: null,
  answeredOn: null,
  outcome: null,
  closedOn: null,
});
const PLAIN = { partyOrg: 'none', charterPartyClause: false } as const;
const NO_FEEDBACK = { satisfied: 0, unsatisfied: 0 };

describe('enterpriseScore', () => {
  it('starts at the base, 85, with nothing on file', () => {
    expect(
      enterpriseScore(
        { enterprise: PLAIN, records: [], interviews: [], satisfaction: NO_FEEDBACK },
        '2026-12-05',
      ),
    ).toEqual({
      score: 85,
      components: [
        { key: 'base', points: 85, source: { kind: 'rule', id: null, onDate: null, note: '' } },
      ],
    });
  });

  it('takes points for failures, 不良行为 and interviews, naming each record', () => {
    const failure = record(4, 'inspection_failure', {
      compoundId: 9,
      details: { drawId: 1, item: '消防通道', note: '堵塞' },
    });
    const conduct = record(5, 'bad_conduct', { details: { description: '逾期未整改' } });
    const score = enterpriseScore(
      {
        enterprise: PLAIN,
        records: [failure, conduct],
        interviews: [interview(2, '2026-11-20')],
        satisfaction: NO_FEEDBACK,
      },
      '2026-12-05',
    );
    expect(score.score).toBe(67);
    expect(score.components.slice(1)).toEqual([
      {
        key: 'inspection_failure',
        points: -5,
        source: { kind: 'record', id: 4, onDate: '2026-11-01', note: '消防通道: 堵塞' },
      },
      {
        key: 'bad_conduct',
        points: -10,
        source: { kind: 'record', id: 5, onDate: '2026-11-01', note: '逾期未整改' },
      },
      {
        key: 'interview',
        points: -3,
        source: {
          kind: 'interview',
          id: 2,
          onDate: '2026-11-20',
          note: '电梯长期失修',
        },
      },
    ]);
  });

  it('counts only the year up to asOf', () => {
    const old = record(1, 'bad_conduct', { onDate: '2025-12-05' });
    const edge = record(2, 'bad_conduct', { onDate: '2025-12-06' });
    const later = record(3, 'bad_conduct', { onDate: '2026-12-06' });
    const s = enterpriseScore(
      { enterprise: PLAIN, records: [old, edge, later], interviews: [], satisfaction: NO_FEEDBACK },
      '2026-12-05',
    );
    expect(s.components.map((c) => c.source.id)).toEqual([null, 2]);
    expect(s.score).toBe(75);
  });

  it('adds evaluations, satisfaction and party building, capped, and clamps to [0, 100]', () => {
    const evaluations = [
      record(1, 'evaluation', { details: { contractPerformance: 90, partyBuilding: 80 } }),
      record(2, 'evaluation', { details: { contractPerformance: 70, partyBuilding: 60 } }),
    ];
    const building = [6, 7, 8, 9, 10, 11].map((id) =>
      record(id, 'party_building', { details: { kind: 'report', person: '张经理' } }),
    );
    const s = enterpriseScore(
      {
        enterprise: { partyOrg: 'branch', charterPartyClause: true },
        records: [...evaluations, ...building],
        interviews: [],
        satisfaction: { satisfied: 9, unsatisfied: 1 },
      },
      '2026-12-05',
    );
    // 85 + (75 − 80) × 0.25 + (0.9 − 0.8) × 20 + 3 + 1 + 5 = 94.7 (−1.25 rounds to −1.3)
    expect(s.components.map((c) => [c.key, c.points])).toEqual([
      ['base', 85],
      ['evaluation', -1.3],
      ['satisfaction', 2],
      ['party_org', 3],
      ['charter_clause', 1],
      ['party_building', 1],
      ['party_building', 1],
      ['party_building', 1],
      ['party_building', 1],
      ['party_building', 1],
    ]);
    expect(s.score).toBe(94.7);
  });

  it('keeps the score within [0, 100]', () => {
    const conduct = Array.from({ length: 10 }, (_, i) => record(i + 1, 'bad_conduct'));
    const input = { enterprise: PLAIN, interviews: [], satisfaction: NO_FEEDBACK };
    expect(enterpriseScore({ ...input, records: conduct }, '2026-12-05').score).toBe(0);
    expect(
      enterpriseScore({ ...input, records: [] }, '2026-12-05', { ...DEFAULT_SCORE_RULE, base: 120 })
        .score,
    ).toBe(100);
  });

  it('follows configured weights', () => {
    const s = enterpriseScore(
      {
        enterprise: PLAIN,
        records: [record(1, 'bad_conduct')],
        interviews: [],
        satisfaction: { satisfied: 1, unsatisfied: 3 },
      },
      '2026-12-05',
      { ...DEFAULT_SCORE_RULE, badConduct: -30 },
    );
    // 85 − 30 + (0.25 − 0.8) × 20 = 44
    expect(s.score).toBe(44);
  });
});

describe('managerScore and compoundStars', () => {
  const records = [
    record(1, 'inspection_failure', { compoundId: 9 }),
    record(2, 'bad_conduct', { managerId: 3 }),
    record(3, 'inspection_failure', { compoundId: 10 }),
    record(4, 'bad_conduct', { compoundId: 9, managerId: 4 }),
  ];

  it('charges a manager the failures in the compounds they lead and the records naming them', () => {
    const s = managerScore({ id: 3, compoundIds: [9] }, records, NO_FEEDBACK, '2026-12-05');
    expect(s.components.map((c) => [c.key, c.points, c.source.id])).toEqual([
      ['base', 85, null],
      ['inspection_failure', -5, 1],
      ['bad_conduct', -10, 2],
    ]);
    expect(s.score).toBe(70);
  });

  it('rates a compound 5 stars less one per failure or 不良行为 there and one for low satisfaction', () => {
    expect(compoundStars(11, records, NO_FEEDBACK, '2026-12-05')).toBe(5);
    expect(compoundStars(10, records, { satisfied: 9, unsatisfied: 1 }, '2026-12-05')).toBe(4);
    expect(compoundStars(9, records, { satisfied: 1, unsatisfied: 1 }, '2026-12-05')).toBe(2);
    expect(
      compoundStars(
        9,
        [...records, record(5, 'bad_conduct', { compoundId: 9 })],
        { satisfied: 0, unsatisfied: 1 },
        '2026-12-05',
      ),
    ).toBe(1);
  });
});

describe('rankRedBlack and periodEnd', () => {
  it('lists the best at or above redMin and the worst below blackMax, ties by compounds then id', () => {
    const entry = (id: number, score: number, compounds = 1) => ({
      id,
      name: `示例${id}`,
      score,
      compounds,
    });
    const { red, black } = rankRedBlack(
      [
        entry(1, 100),
        entry(2, 95, 3),
        entry(3, 95, 1),
        entry(4, 94.9),
        entry(5, 69.9),
        entry(6, 40),
        entry(7, 70),
      ],
      { redMin: 95, blackMax: 70, listSize: 2 },
    );
    expect(red.map((e) => e.id)).toEqual([1, 2]);
    expect(black.map((e) => e.id)).toEqual([6, 5]);
  });

  it('ends a quarter or a year on its last day', () => {
    expect(periodEnd('2026Q1')).toBe('2026-03-31');
    expect(periodEnd('2024Q1')).toBe('2024-03-31');
    expect(periodEnd('2026Q4')).toBe('2026-12-31');
    expect(periodEnd('2026')).toBe('2026-12-31');
    expect(() => periodEnd('2026Q5')).toThrow('Period must be YYYY or YYYYQ1–YYYYQ4, got 2026Q5');
  });
});
