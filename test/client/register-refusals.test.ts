import { describe, expect, it } from 'vitest';
import type { CompoundFeature } from '../../common/api.ts';
import { refusalWords } from '../../client/features/committees/rule-detail.ts';
import { filterCompounds } from '../../client/features/compounds/compound-filter.ts';
import { footprintWords } from '../../client/features/compounds/footprint-words.ts';
import {
  polygonFromGeoJson,
  polygonFromRing,
} from '../../client/features/compounds/polygon-from-geojson.ts';
import {
  grantableRoles,
  scopeForRole,
  scopeLabel,
} from '../../client/features/users/user-scope.ts';
import { namesField, refusalText } from '../../client/lib/field-error.tsx';
import { createTranslator } from '../../client/lib/i18n.ts';
import { checkPartyShare, checkTemporary } from '../../server/committees/committee-rules.ts';
import { footprintRefusal } from '../../server/compounds/compound-rules.ts';

// Refusals worded in each locale from the rules and figures the server sends (error.checks), and
// the register forms' pure helpers: pasted GeoJSON, the table's filters, the scope a role takes.

const zh = createTranslator('zh-CN');
const en = createTranslator('en');
const figures = {
  valid: true,
  reason: 'Valid Geometry',
  areaM2: 900,
  outsideDistrictM2: 0,
  outsideCommunityM2: 0,
  overlaps: [{ id: 12, name: '示例小区', m2: 40 }],
};

describe('footprint refusals', () => {
  const overlap = footprintRefusal(figures, '海滨社区')!;
  const error = {
    code: 'bad_request' as const,
    message: 'geometry: the footprint overlaps compound 12 (示例小区) by 40 m²; at most 5 m²',
    field: 'geometry',
    checks: [overlap],
  };

  it('words an overlap in Chinese and English from its figures', () => {
    expect(refusalText(error, footprintWords(zh))).toBe(
      '与小区 12（示例小区）重叠 40 平方米，最多允许 5 平方米',
    );
    expect(refusalText(error, footprintWords(en))).toBe(
      'overlaps compound 12 (示例小区) by 40 m²; at most 5 m²',
    );
  });

  it('words each footprint rule in Chinese', () => {
    const cases = [
      { ...figures, valid: false, reason: 'Self-intersection[118.5 24.9]' },
      { ...figures, areaM2: 40 },
      { ...figures, outsideDistrictM2: 30 },
      { ...figures, outsideCommunityM2: 25 },
    ].map((f) => footprintWords(zh)(footprintRefusal(f, '海滨社区')!));
    expect(cases).toEqual([
      '多边形无效：Self-intersection[118.5 24.9]',
      '面积 40 平方米，须在 100–2,000,000 平方米之间',
      '有 30 平方米在鲤城区以外，最多允许 1 平方米',
      '有 25 平方米在海滨社区以外，最多允许 1 平方米',
    ]);
  });

  it('falls back to the server’s message, without its field, for what it cannot word', () => {
    const plain = {
      code: 'bad_request' as const,
      message: 'name: expected a name of 1–100 characters',
      field: 'name',
    };
    expect(refusalText(plain, footprintWords(zh))).toBe('expected a name of 1–100 characters');
    expect(namesField({ ...plain, field: 'geometry.coordinates.0' }, 'geometry')).toBe(true);
    expect(namesField(plain, 'names')).toBe(false);
  });
});

describe('committee refusals (422 rule_violation)', () => {
  const share = checkPartyShare({ members: 5, partyMembers: 2, ownerMembers: 5 }, '2026-11-20');
  const refusal = {
    code: 'rule_violation' as const,
    message: 'Approval refused: …',
    field: 'members',
    checks: [
      { rule: share.rule, section: share.section, words: share.words, figures: share.figures },
    ],
  };

  it('keeps the plan’s section and words and words the figures in Chinese', () => {
    expect(refusalText(refusal, refusalWords(zh))).toBe(
      '三(三)「新组建或新换届业委会成员中党员比例一般不低于50%或不少于3人，未达到的原则上不予审批；对已成立的业主委员会要逐步提高党员比例」：5 名委员中党员 2 名（40%），要求党员比例不低于 50% 或不少于 3 人',
    );
  });

  it('and in English, the figures as the server words them', () => {
    expect(refusalText(refusal, refusalWords(en))).toBe(`三(三) “${share.words}”: ${share.detail}`);
  });

  it('words every broken rule of a temporary committee, joined', () => {
    const checks = checkTemporary({ members: 4, partyMembers: 0, ownerMembers: 1 })
      .filter((c) => c.outcome === 'breach')
      .map(({ rule, section, words, figures: f }) => ({ rule, section, words, figures: f }));
    const text = refusalText({ code: 'rule_violation', message: '…', checks }, refusalWords(zh));
    expect(text.split('；').length).toBeGreaterThanOrEqual(3);
    expect(text).toContain('：4 名委员，至少需要 5 名');
    expect(text).toContain('：4 名委员，须为单数');
    expect(text).toContain('：4 名委员中业主 1 名，须不少于一半');
  });
});

describe('pasted and drawn footprints', () => {
  const ring: [number, number][] = [
    [118.5, 24.9],
    [118.5012345678, 24.9],
    [118.5012345678, 24.9012],
  ];

  it('closes a drawn ring and rounds it to 6 decimals', () => {
    expect(polygonFromRing(ring)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [118.5, 24.9],
          [118.501235, 24.9],
          [118.501235, 24.9012],
          [118.5, 24.9],
        ],
      ],
    });
  });

  it('takes a Polygon, a Feature or a collection of one, closed or not', () => {
    const closed = polygonFromRing(ring);
    const feature = { type: 'Feature', properties: {}, geometry: closed };
    expect(polygonFromGeoJson(JSON.stringify(closed))).toEqual(closed);
    expect(polygonFromGeoJson(JSON.stringify(feature))).toEqual(closed);
    expect(
      polygonFromGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [feature] })),
    ).toEqual(closed);
    expect(polygonFromGeoJson(JSON.stringify({ type: 'Polygon', coordinates: [ring] }))).toEqual(
      closed,
    );
  });

  it('refuses what is not exactly one polygon', () => {
    const closed = polygonFromRing(ring);
    const feature = { type: 'Feature', properties: {}, geometry: closed };
    expect(polygonFromGeoJson('not json')).toBeNull();
    expect(polygonFromGeoJson('{"type":"Point","coordinates":[118.5,24.9]}')).toBeNull();
    expect(
      polygonFromGeoJson(
        JSON.stringify({ type: 'FeatureCollection', features: [feature, feature] }),
      ),
    ).toBeNull();
    expect(
      polygonFromGeoJson('{"type":"Polygon","coordinates":[[[118.5,24.9],[1,"x"]]]}'),
    ).toBeNull();
  });
});

describe('the register table’s filters', () => {
  const c = (id: number, name: string, props: Partial<CompoundFeature['properties']>) =>
    ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [] },
      properties: { id, name, ...props },
    }) as CompoundFeature;
  const all = [
    c(1, '乙新村', { streetCode: 'A', communityCode: 'A1', coverageMode: 'none' }),
    c(2, '甲新村', { streetCode: 'A', communityCode: 'A2', coverageMode: 'none' }),
    c(3, '丙花园', { streetCode: 'B', communityCode: 'B1', coverageMode: 'professional' }),
  ];

  it('filters by street, community, mode and part of the name', () => {
    const ids = (f: Parameters<typeof filterCompounds>[1]) =>
      filterCompounds(all, f).map((x) => x.properties.id);
    expect(ids({})).toHaveLength(3);
    expect(ids({ streetCode: 'A' }).sort()).toEqual([1, 2]);
    expect(ids({ communityCode: 'A2' })).toEqual([2]);
    expect(ids({ coverageMode: 'professional' })).toEqual([3]);
    expect(ids({ name: '新村', streetCode: 'B' })).toEqual([]);
    expect(ids({ name: ' 花园 ' })).toEqual([3]);
  });
});

describe('the scope a role takes', () => {
  const scope = { streets: ['S1'], communities: ['C1'], grids: ['G1', 'G2'] };

  it('offers each manager only the roles they may give', () => {
    expect(grantableRoles('community_admin')).toEqual(['grid_manager']);
    expect(grantableRoles('street_admin')).toEqual(['community_admin', 'grid_manager']);
    expect(grantableRoles('grid_manager')).toEqual([]);
  });

  it('keeps the part of a scope the role takes', () => {
    expect(scopeForRole('street_admin', scope)).toEqual({
      streets: ['S1'],
      communities: [],
      grids: [],
    });
    expect(scopeForRole('community_admin', scope)).toEqual({
      streets: [],
      communities: ['C1'],
      grids: [],
    });
    expect(scopeForRole('grid_manager', scope)).toEqual({
      streets: [],
      communities: [],
      grids: ['G1', 'G2'],
    });
    expect(scopeForRole('planner', scope)).toEqual({ streets: [], communities: [], grids: [] });
  });

  it('writes a scope with its units’ names', () => {
    const names = new Map([
      ['G1', '一网格'],
      ['G2', '二网格'],
    ]);
    expect(scopeLabel({ streets: [], communities: [], grids: ['G1', 'G2', 'G9'] }, names)).toBe(
      '一网格、二网格、G9',
    );
  });
});
