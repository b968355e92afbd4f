import type { LayerCollections } from '../../../common/api.ts';
import type { Scope } from '../../../common/auth.ts';
import type { BBox, Feature, Polygon, Position } from '../../../common/geo.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import { featureBounds } from '../../../geometry/bounds.ts';
import { isPointInPolygon } from '../../../geometry/point-in-polygon.ts';

/** A unit whose events can be selected at once. */
export type AreaUnit = { kind: 'street' | 'community' | 'grid'; code: string; name: string };

export type AreaFeature = Feature<Polygon, { code: string; name: string }>;

/** The part of the district a user works in. */
export type DispatchArea = {
  /** true for district-wide roles: the whole district, nothing highlighted */
  districtWide: boolean;
  streets: AreaFeature[];
  communities: AreaFeature[];
  grids: AreaFeature[];
  /** what the map fits: the union of the area's units (the district for district-wide roles) */
  bounds: BBox | null;
  /** the units offered for selecting events, streets first */
  units: AreaUnit[];
};

export type AreaLayers = Pick<LayerCollections, 'district' | 'streets' | 'communities' | 'grids'>;

/**
 * The user's area from their scope: a street with its communities and grids, a community with its
 * grids, or single grids. Needs `communities?fields=streetCode` and `grids?fields=communityCode`.
 * District-wide roles get the district's bounds and its streets and communities to pick from.
 * @example selectDispatchArea(gridManager.scope, layers).grids.map((g) => g.properties.code) // ['350502001001001']
 */
export function selectDispatchArea(scope: Scope, layers: AreaLayers): DispatchArea {
  if (scope.district) {
    const streets = layers.streets.features;
    const communities = layers.communities.features;
    return {
      districtWide: true,
      streets: [],
      communities: [],
      grids: [],
      bounds: featureBounds(layers.district.features),
      units: [...streets.map(unit('street')), ...communities.map(unit('community'))],
    };
  }
  const streetCodes = new Set(scope.streets);
  const streets = layers.streets.features.filter((f) => streetCodes.has(f.properties.code));
  const communities = layers.communities.features.filter(
    (f) =>
      scope.communities.includes(f.properties.code) ||
      streetCodes.has(f.properties.streetCode ?? ''),
  );
  const communityCodes = new Set(communities.map((f) => f.properties.code));
  const grids = layers.grids.features.filter(
    (f) =>
      scope.grids.includes(f.properties.code) ||
      communityCodes.has(f.properties.communityCode ?? ''),
  );
  return {
    districtWide: false,
    streets,
    communities,
    grids,
    bounds: featureBounds([...streets, ...communities, ...grids]),
    units: [
      ...streets.map(unit('street')),
      ...communities.map(unit('community')),
      ...grids.map(unit('grid')),
    ],
  };
}

/** Whether an event lies in a unit (by the codes the server routed it to). */
export function isInUnit(event: GrievanceEvent, { kind, code }: Pick<AreaUnit, 'kind' | 'code'>) {
  if (kind === 'street') return event.streetCode === code;
  if (kind === 'community') return event.communityCode === code;
  return event.gridCode === code;
}

/**
 * The grid of the user's area under a map point, as the unit to select its events by; null outside
 * them (district-wide areas have no grids of their own).
 * @example findAreaGridAt(meishanArea, [118.5773, 24.9203]) // {kind: 'grid', code: '350502004001001', name: '梅山社区第1网格'}
 */
export function findAreaGridAt(
  area: Pick<DispatchArea, 'grids'>,
  point: Position,
): AreaUnit | null {
  const grid = area.grids.find((feature) => isPointInPolygon(point, feature.geometry.coordinates));
  return grid ? unit('grid')(grid) : null;
}

/** Names of the area's units by code, for the queue and the drawer ("第2网格"). */
export function unitNames(layers: AreaLayers): Map<string, string> {
  const names = new Map<string, string>();
  for (const collection of [layers.streets, layers.communities, layers.grids]) {
    for (const feature of collection.features) {
      names.set(feature.properties.code, feature.properties.name);
    }
  }
  return names;
}

function unit(kind: AreaUnit['kind']) {
  return (feature: AreaFeature): AreaUnit => ({
    kind,
    code: feature.properties.code,
    name: feature.properties.name,
  });
}

/**
 * The features whose bounding box meets the area's bounds grown by `margin` of their size on each
 * side: enough context around a street or grid without drawing the whole district. District-wide
 * areas keep every feature.
 */
export function selectFeaturesNear<F extends Feature<Polygon, unknown>>(
  features: readonly F[],
  area: Pick<DispatchArea, 'districtWide' | 'bounds'>,
  margin = 0.5,
): F[] {
  if (area.districtWide || !area.bounds) return [...features];
  const [minLng, minLat, maxLng, maxLat] = area.bounds;
  const dx = (maxLng - minLng) * margin;
  const dy = (maxLat - minLat) * margin;
  return features.filter((feature) => {
    const box = featureBounds([feature]);
    return (
      box !== null &&
      box[0] <= maxLng + dx &&
      box[2] >= minLng - dx &&
      box[1] <= maxLat + dy &&
      box[3] >= minLat - dy
    );
  });
}
