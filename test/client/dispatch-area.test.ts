import fs from 'node:fs';
import { bbox } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { CompoundFeature, LayerCollections } from '../../common/api.ts';
import type { Scope } from '../../common/auth.ts';
import type { BBox, Position } from '../../common/geo.ts';
import {
  findAreaGridAt,
  isInUnit,
  selectDispatchArea,
  selectFeaturesNear,
  unitNames,
  type AreaLayers,
} from '../../client/features/grievances/dispatch-area.ts';
import { grievance } from './grievance-fixture.ts';

// the committed district (geodata/): 9 streets, 82 communities, 430 grids
const read = <T>(name: string): T => JSON.parse(fs.readFileSync(`geodata/${name}`, 'utf8')) as T;
const LAYERS: AreaLayers = {
  district: read<LayerCollections['district']>('district.geojson'),
  streets: read<LayerCollections['streets']>('streets.geojson'),
  communities: read<LayerCollections['communities']>('communities.geojson'),
  grids: read<LayerCollections['grids']>('grids.geojson'),
};
const KAIYUAN = '350502004000'; // 开元街道
const MEISHAN = '350502004001'; // 梅山社区
const MEISHAN_GRID_1 = '350502004001001';
const scope = (units: Partial<Scope>): Scope => ({
  district: false,
  streets: [],
  communities: [],
  grids: [],
  ...units,
});
const codes = (features: { properties: { code: string } }[]) =>
  features.map((f) => f.properties.code);
const boundsOf = (features: unknown[]) =>
  bbox({ type: 'FeatureCollection', features } as Parameters<typeof bbox>[0]) as BBox;

describe('selectDispatchArea', () => {
  it('gives a grid manager their grid, highlighted and fitted, and nothing else', () => {
    const area = selectDispatchArea(scope({ grids: [MEISHAN_GRID_1] }), LAYERS);
    expect(area.districtWide).toBe(false);
    expect(codes(area.grids)).toEqual([MEISHAN_GRID_1]);
    expect(area.communities).toEqual([]);
    expect(area.streets).toEqual([]);
    expect(area.bounds).toEqual(boundsOf(area.grids));
    expect(area.units).toEqual([{ kind: 'grid', code: MEISHAN_GRID_1, name: '梅山社区第1网格' }]);
  });

  it('gives a community admin the community and its three grids', () => {
    const area = selectDispatchArea(scope({ communities: [MEISHAN] }), LAYERS);
    expect(codes(area.communities)).toEqual([MEISHAN]);
    expect(codes(area.grids)).toEqual(['350502004001001', '350502004001002', '350502004001003']);
    expect(area.units.map((u) => `${u.kind}:${u.name}`)).toEqual([
      'community:梅山社区',
      'grid:梅山社区第1网格',
      'grid:梅山社区第2网格',
      'grid:梅山社区第3网格',
    ]);
    expect(area.bounds).toEqual(boundsOf([...area.communities, ...area.grids]));
  });

  it('gives a street admin the street, its 13 communities and their 53 grids', () => {
    const area = selectDispatchArea(scope({ streets: [KAIYUAN] }), LAYERS);
    expect(codes(area.streets)).toEqual([KAIYUAN]);
    expect(area.communities.length).toBe(13);
    expect(area.communities.every((c) => c.properties.code.startsWith('350502004'))).toBe(true);
    expect(area.grids.length).toBe(53);
    expect(area.units[0]).toEqual({ kind: 'street', code: KAIYUAN, name: '开元街道' });
  });

  it('fits district-wide roles to the district and offers its streets and communities', () => {
    const area = selectDispatchArea(scope({ district: true }), LAYERS);
    expect(area.districtWide).toBe(true);
    expect(area.grids).toEqual([]);
    expect(area.bounds).toEqual(boundsOf(LAYERS.district.features));
    expect(area.units.length).toBe(9 + 82);
  });

  it('is empty for a scope naming no known unit', () => {
    const area = selectDispatchArea(scope({ grids: ['999'] }), LAYERS);
    expect(area.grids).toEqual([]);
    expect(area.bounds).toBeNull();
    expect(area.units).toEqual([]);
  });
});

describe('isInUnit', () => {
  it('matches an event by the street, community or grid the server routed it to', () => {
    const event = grievance(1);
    expect(isInUnit(event, { kind: 'street', code: KAIYUAN })).toBe(true);
    expect(isInUnit(event, { kind: 'community', code: MEISHAN })).toBe(true);
    expect(isInUnit(event, { kind: 'grid', code: MEISHAN_GRID_1 })).toBe(true);
    expect(isInUnit(event, { kind: 'grid', code: '350502004001002' })).toBe(false);
  });
});

describe('findAreaGridAt', () => {
  // points inside 梅山社区's grids (turf's pointOnFeature, rounded)
  const IN_GRID_1: Position = [118.5773, 24.9203];
  const IN_GRID_2: Position = [118.5794, 24.9191];

  it("finds the community admin's grid under a point", () => {
    const area = selectDispatchArea(scope({ communities: [MEISHAN] }), LAYERS);
    expect(findAreaGridAt(area, IN_GRID_1)).toEqual({
      kind: 'grid',
      code: MEISHAN_GRID_1,
      name: '梅山社区第1网格',
    });
    expect(findAreaGridAt(area, IN_GRID_2)?.code).toBe('350502004001002');
  });

  it("is null in a grid outside the user's area", () => {
    const area = selectDispatchArea(scope({ grids: [MEISHAN_GRID_1] }), LAYERS);
    expect(findAreaGridAt(area, IN_GRID_1)?.code).toBe(MEISHAN_GRID_1);
    expect(findAreaGridAt(area, IN_GRID_2)).toBeNull();
  });

  it('is null for district-wide areas, which have no grids of their own', () => {
    const area = selectDispatchArea(scope({ district: true }), LAYERS);
    expect(findAreaGridAt(area, IN_GRID_1)).toBeNull();
  });
});

describe('unitNames', () => {
  it('names every street, community and grid by code', () => {
    const names = unitNames(LAYERS);
    expect(names.size).toBe(9 + 82 + 430);
    expect([KAIYUAN, MEISHAN, MEISHAN_GRID_1].map((c) => names.get(c))).toEqual([
      '开元街道',
      '梅山社区',
      '梅山社区第1网格',
    ]);
  });
});

describe('selectFeaturesNear', () => {
  const square = (id: number, x: number): CompoundFeature => ({
    type: 'Feature',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, 0],
          [x + 1, 0],
          [x + 1, 1],
          [x, 1],
          [x, 0],
        ],
      ],
    },
    properties: { id, name: `小区${id}` },
  });
  const compounds = [square(1, 0), square(2, 14), square(3, 16), square(4, 30)];

  it('keeps features meeting the bounds grown by half their size on each side', () => {
    const area = { districtWide: false, bounds: [10, 0, 20, 1] as BBox };
    expect(selectFeaturesNear(compounds, area).map((c) => c.properties.id)).toEqual([2, 3]);
    expect(selectFeaturesNear(compounds, area, 0.9).map((c) => c.properties.id)).toEqual([1, 2, 3]);
  });

  it('keeps everything for district-wide areas and areas without bounds', () => {
    expect(selectFeaturesNear(compounds, { districtWide: true, bounds: null }).length).toBe(4);
    expect(selectFeaturesNear(compounds, { districtWide: false, bounds: null }).length).toBe(4);
  });
});
