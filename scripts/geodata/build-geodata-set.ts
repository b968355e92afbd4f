import * as turf from '@turf/turf';
import { STATION_SERVICES, type StationKind, type StationService } from '../../common/domain.ts';
import type { Feature, Point, Polygon, Position } from '../../common/geo.ts';
import type {
  CommunityProps,
  CompoundProps,
  CoverageChange,
  GeodataSet,
  GridProps,
  StationProps,
  StreetProps,
} from '../../common/geodata.ts';
import { chooseBalancedSeeds } from './balanced-seeds.ts';
import { createCompoundNamer } from './compound-names.ts';
import { placeFootprint } from './compound-placement.ts';
import { pickProfile, sampleCompoundTraits, type CompoundTraits } from './compound-profiles.ts';
import { assignCoverage } from './coverage-assignment.ts';
import { scheduleCoverageChanges } from './coverage-schedule.ts';
import type { DistrictPlan } from './district-plan.ts';
import { assignEnterprises } from './enterprise-assignment.ts';
import { generateEnterprises } from './enterprises.ts';
import { createLocalProjection, type LocalProjection } from '../../geometry/local-projection.ts';
import { ringCentroid } from '../../geometry/ring-centroid.ts';
import { generateOwnersCommittees } from './owners-committees.ts';
import { partitionPolygon } from './partition-polygon.ts';
import { cleanRing, orientRing } from './ring-geometry.ts';
import { createRandom, type Random } from './seeded-random.ts';
import { shareBoundaryVertices } from './share-boundary-vertices.ts';
import { findStationSite } from './station-siting.ts';

const DEFAULT_OPTIONS = {
  decimals: 6, // coordinate precision, ≈ 0.1 m
  fillShare: 0.45, // share of a grid that compounds may cover before others are preferred
  gridTries: 8, // grids tried for one compound before its footprint shrinks
  shrinkSteps: 5, // times a footprint may shrink by 15% when nowhere fits it
  chamferChance: 0.2, // compounds drawn with one corner cut off, for variety
  angleJitter: 0.12, // radians a compound may turn from its community's street grid
};

type Unit = { code: string; name: string; polygon: Polygon; parent: number };
type Compound = {
  grid: number;
  ring: Position[];
  traits: CompoundTraits;
};

/**
 * Builds the whole seed data set for a district plan: streets, communities and grids partitioning
 * the outline, compounds inside grids, coverage modes and their history, enterprises, stations and
 * owners' committees. Pure: the same plan and seed give the same set.
 *
 * @example
 * buildGeodataSet(buildLichengPlan(inputs).plan, 20240318).compounds.features.length; // 520
 */
export function buildGeodataSet(
  plan: DistrictPlan,
  seed: number,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): GeodataSet {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const random = createRandom(seed);
  const [minX, minY, maxX, maxY] = turf.bbox(plan.outline);
  const projection = createLocalProjection([(minX + maxX) / 2, (minY + maxY) / 2]);

  const streetSites = plan.streets.flatMap((s, unit) =>
    s.anchors.map((position) => ({ position, unit })),
  );
  const streetPolygons = partitionPolygon(plan.outline, streetSites, plan.streets.length, {
    decimals: o.decimals,
  });
  const streets: Unit[] = plan.streets.map((s, i) => ({
    code: s.code,
    name: s.name,
    polygon: streetPolygons[i] as Polygon,
    parent: -1,
  }));

  const communities: Unit[] = [];
  for (const [s, street] of plan.streets.entries()) {
    const parent = streets[s] as Unit;
    const polygons = subdivide(
      parent.polygon,
      street.communities.length,
      random.fork(`communities:${street.code}`),
      plan.density,
      o.decimals,
    );
    street.communities.forEach((c, k) =>
      communities.push({ code: c.code, name: c.name, polygon: polygons[k] as Polygon, parent: s }),
    );
  }

  const grids: Unit[] = [];
  for (const [c, community] of communities.entries()) {
    const street = plan.streets[community.parent];
    const r = random.fork(`grids:${community.code}`);
    const [min, max] = street?.gridsPerCommunity ?? [3, 8];
    const polygons = subdivide(community.polygon, r.int(min, max), r, () => 1, o.decimals);
    polygons.forEach((polygon, k) =>
      grids.push({
        code: `${community.code}${String(k + 1).padStart(3, '0')}`,
        name: `${community.name}第${k + 1}网格`,
        polygon,
        parent: c,
      }),
    );
  }

  // rounding left slivers between nested borders; sharing the border vertices closes them
  const units = [...streets, ...communities, ...grids];
  const [outline, ...sharedUnits] = shareBoundaryVertices([
    plan.outline,
    ...units.map((u) => u.polygon),
  ]);
  units.forEach((u, i) => (u.polygon = sharedUnits[i] as Polygon));

  const placed = placeCompounds(plan, streets, communities, grids, projection, random, o);
  const namer = createCompoundNamer(random.fork('names'));
  const streetOf = (grid: number): number => communities[grids[grid]?.parent ?? 0]?.parent ?? 0;
  const coverage = assignCoverage(
    placed.map((c) => ({
      ...c.traits,
      oldTown: plan.streets[streetOf(c.grid)]?.oldTown ?? false,
      gridKey: grids[c.grid]?.code ?? '',
      communityKey: communities[grids[c.grid]?.parent ?? 0]?.code ?? '',
    })),
    plan.coverage,
    random.fork('coverage'),
  );

  const enterprises = generateEnterprises(plan.enterprises, plan.code, random.fork('enterprises'));
  const professional = placed.map((_, i) => i).filter((i) => coverage[i]?.mode === 'professional');
  const owners = assignEnterprises(
    professional.map((i) => ({ street: streetOf(placed[i]?.grid ?? 0) })),
    enterprises.length,
    random.fork('enterprise-assignment'),
  );
  const enterpriseOf = new Map(professional.map((i, k) => [i, owners[k] ?? null]));

  const compoundFeatures = placed.map((c, i): Feature<Polygon, CompoundProps> => {
    const grid = grids[c.grid] as Unit;
    const community = communities[grid.parent] as Unit;
    const assignment = coverage[i];
    const street = plan.streets[community.parent];
    const places =
      street?.communities.filter((x) => x.hasStation).map((x) => x.name.replace(/社区$/, '')) ?? [];
    return feature(
      {
        id: i + 1,
        name: namer(
          c.traits.profile,
          places.length > 0 ? places : [(street?.name ?? '').replace(/(街道|经济开发区)$/, '')],
        ),
        streetCode: street?.code ?? '',
        communityCode: community.code,
        gridCode: grid.code,
        households: c.traits.households,
        buildings: c.traits.buildings,
        yearBuilt: c.traits.yearBuilt,
        coverageMode: assignment?.mode ?? 'none',
        longTermManaged: assignment?.longTermManaged ?? false,
        enterpriseId: enterpriseOf.get(i) ?? null,
      },
      { type: 'Polygon', coordinates: [c.ring] },
    );
  });

  const stations = siteStations(
    plan,
    streets,
    communities,
    compoundFeatures,
    placed,
    projection,
    random.fork('stations'),
    o.decimals,
  );

  const batches = coverage.reduce((n, a) => Math.max(n, (a.batch ?? -1) + 1), 0);
  const batchDates = scheduleCoverageChanges(batches, random.fork('history'));
  const coverageHistory = coverage
    .flatMap((a, i): CoverageChange[] =>
      a.changed && a.batch !== null
        ? [
            {
              compoundId: i + 1,
              modeBefore: 'none',
              modeAfter: a.mode,
              changedOn: batchDates[a.batch] ?? '',
            },
          ]
        : [],
    )
    .sort((a, b) => a.changedOn.localeCompare(b.changedOn) || a.compoundId - b.compoundId);

  return {
    district: {
      type: 'FeatureCollection',
      features: [feature({ code: plan.code, name: plan.name }, outline as Polygon)],
    },
    streets: {
      type: 'FeatureCollection',
      features: streets.map((s, i) =>
        feature<Polygon, StreetProps>(
          { code: s.code, name: s.name, kind: plan.streets[i]?.kind ?? 'street' },
          s.polygon,
        ),
      ),
    },
    communities: {
      type: 'FeatureCollection',
      features: communities.map((c) =>
        feature<Polygon, CommunityProps>(
          { code: c.code, name: c.name, streetCode: streets[c.parent]?.code ?? '' },
          c.polygon,
        ),
      ),
    },
    grids: {
      type: 'FeatureCollection',
      features: grids.map((g) =>
        feature<Polygon, GridProps>(
          { code: g.code, name: g.name, communityCode: communities[g.parent]?.code ?? '' },
          g.polygon,
        ),
      ),
    },
    compounds: { type: 'FeatureCollection', features: compoundFeatures },
    stations: { type: 'FeatureCollection', features: stations },
    enterprises,
    ownersCommittees: generateOwnersCommittees(
      compoundFeatures.map((f) => f.properties),
      random.fork('committees'),
    ),
    coverageHistory,
  };
}

function subdivide(
  parent: Polygon,
  count: number,
  random: Random,
  density: (p: Position) => number,
  decimals: number,
): Polygon[] {
  if (count === 1) return [parent];
  const seeds = chooseBalancedSeeds(parent, count, random, { density });
  return partitionPolygon(
    parent,
    seeds.map((position, unit) => ({ position, unit })),
    count,
    { decimals },
  );
}

type GridSlot = {
  grid: number;
  ring: Position[]; // metres
  capacity: number; // m²
  used: number; // m²
  angle: number;
  placed: Position[][]; // metres
};

function placeCompounds(
  plan: DistrictPlan,
  streets: readonly Unit[],
  communities: readonly Unit[],
  grids: readonly Unit[],
  projection: LocalProjection,
  random: Random,
  o: typeof DEFAULT_OPTIONS,
): Compound[] {
  const placed: Compound[] = [];
  const communityAngle = communities.map((c) =>
    random.fork(`angle:${c.code}`).range(0, Math.PI / 2),
  );
  for (const [s, street] of plan.streets.entries()) {
    const r = random.fork(`compounds:${streets[s]?.code}`);
    const slots: GridSlot[] = grids.flatMap((g, grid) => {
      if (communities[g.parent]?.parent !== s) return [];
      const ring = (g.polygon.coordinates[0] ?? []).map((p) => projection.toMetres(p));
      const area = Math.abs(turf.area(g.polygon));
      return [
        {
          grid,
          ring,
          capacity: area * o.fillShare,
          used: 0,
          angle: communityAngle[g.parent] ?? 0,
          placed: [],
        },
      ];
    });
    const traits = Array.from({ length: street.compounds }, () =>
      sampleCompoundTraits(pickProfile(street.mix, r), r),
    ).sort((a, b) => b.area - a.area);

    for (const drawn of traits) {
      // a compound too big for any grid here is redrawn one profile smaller (modern → mid → old)
      let t = drawn;
      let found = placeInSlots(slots, t.area, r, o);
      while (!found.ring && t.profile !== 'old') {
        t = sampleCompoundTraits(t.profile === 'modern' ? 'mid' : 'old', r);
        found = placeInSlots(slots, t.area, r, o);
      }
      const { ring, slot } = found;
      if (!ring || !slot)
        throw new Error(`No room for a compound of ${t.area} m² in ${street.name}`);
      const lngLat = orientRing(
        cleanRing(
          ring.map((p) => projection.toLngLat(p)),
          o.decimals,
        ),
        true,
      );
      placed.push({ grid: slot.grid, ring: lngLat, traits: t });
    }
  }
  return placed.sort((a, b) => a.grid - b.grid);
}

/** Tries grids (busy ones less often), shrinking the footprint by 15% a step when none fits. */
function placeInSlots(
  slots: GridSlot[],
  targetArea: number,
  r: Random,
  o: typeof DEFAULT_OPTIONS,
): { ring: Position[] | null; slot: GridSlot | null } {
  let area = targetArea;
  for (let shrink = 0; shrink <= o.shrinkSteps; shrink++, area *= 0.85) {
    for (const slot of pickSlots(slots, o.gridTries, r)) {
      const ring = placeFootprint(
        slot.ring,
        slot.placed,
        {
          area,
          aspect: r.range(1, 1.7),
          angle: slot.angle + r.range(-o.angleJitter, o.angleJitter),
          chamfer: r.chance(o.chamferChance) ? r.range(0.15, 0.3) : 0,
        },
        r,
      );
      if (!ring) continue;
      slot.placed.push(ring);
      slot.used += area;
      return { ring, slot };
    }
  }
  return { ring: null, slot: null };
}

/** Up to `count` distinct slots, drawn with weight equal to their free capacity. */
function pickSlots(slots: readonly GridSlot[], count: number, random: Random): GridSlot[] {
  const pool = [...slots];
  const chosen: GridSlot[] = [];
  while (chosen.length < count && pool.length > 0) {
    const weights = pool.map((s) => Math.max(s.capacity - s.used, s.capacity * 0.02));
    let target = random.next() * weights.reduce((sum, w) => sum + w, 0);
    let k = pool.length - 1;
    for (let i = 0; i < pool.length; i++) {
      target -= weights[i] ?? 0;
      if (target < 0) {
        k = i;
        break;
      }
    }
    chosen.push(...pool.splice(k, 1));
  }
  return chosen;
}

function siteStations(
  plan: DistrictPlan,
  streets: readonly Unit[],
  communities: readonly Unit[],
  compounds: readonly Feature<Polygon, CompoundProps>[],
  placed: readonly Compound[],
  projection: LocalProjection,
  random: Random,
  decimals: number,
): Feature<Point, StationProps>[] {
  const toMetres = (polygon: Polygon): Position[] =>
    (polygon.coordinates[0] ?? []).map((p) => projection.toMetres(p));
  const compoundRings = placed.map((c) => c.ring.map((p) => projection.toMetres(p)));
  const obstaclesIn = (test: (c: CompoundProps) => boolean): Position[][] =>
    compounds.flatMap((c, i) => (test(c.properties) ? [compoundRings[i] as Position[]] : []));
  const point = (metres: Position): Point => ({
    type: 'Point',
    coordinates: roundPosition(projection.toLngLat(metres), decimals),
  });
  const stations: Feature<Point, StationProps>[] = [];
  const add = (
    name: string,
    kind: StationKind,
    codes: { streetCode: string | null; communityCode: string | null; compoundId: number | null },
    geometry: Point,
  ): void => {
    stations.push(
      feature(
        { id: stations.length + 1, name, kind, ...codes, services: pickServices(kind, random) },
        geometry,
      ),
    );
  };

  const centreStreet = streets.findIndex((s) => s.code === plan.districtCentreStreet);
  const host = communities.find((c) => c.parent === centreStreet);
  if (!host)
    throw new Error(`District centre street ${plan.districtCentreStreet} has no community`);
  add(
    `${plan.name}党群服务中心`,
    'district_centre',
    { streetCode: null, communityCode: null, compoundId: null },
    point(
      findStationSite(
        toMetres(host.polygon),
        obstaclesIn((c) => c.communityCode === host.code),
        random,
      ),
    ),
  );
  for (const street of streets) {
    const site = findStationSite(
      toMetres(street.polygon),
      obstaclesIn((c) => c.streetCode === street.code),
      random,
    );
    add(
      `${street.name}党群服务中心`,
      'street_centre',
      { streetCode: street.code, communityCode: null, compoundId: null },
      point(site),
    );
  }
  const hasStation = new Set(
    plan.streets.flatMap((s) => s.communities.filter((c) => c.hasStation).map((c) => c.code)),
  );
  for (const community of communities) {
    if (!hasStation.has(community.code)) continue;
    const site = findStationSite(
      toMetres(community.polygon),
      obstaclesIn((c) => c.communityCode === community.code),
      random,
    );
    add(
      `${community.name}党群服务中心`,
      'community_station',
      {
        streetCode: streets[community.parent]?.code ?? null,
        communityCode: community.code,
        compoundId: null,
      },
      point(site),
    );
  }
  // stations inside compounds go where party building already runs: managed, mostly large ones
  const ranked = compounds
    .filter((c) => c.properties.coverageMode !== 'none')
    .map((c) => ({ c, score: Math.log(c.properties.households) + random.range(0, 2.5) }))
    .sort((a, b) => b.score - a.score || a.c.properties.id - b.c.properties.id)
    .slice(0, plan.compoundStations)
    .map((x) => x.c)
    .sort((a, b) => a.properties.id - b.properties.id);
  for (const c of ranked) {
    const p = c.properties;
    const ring = compoundRings[p.id - 1] ?? [];
    const centre = ringCentroid(ring) ?? ring[0] ?? [0, 0];
    add(
      p.households >= 1500 ? `${p.name}“党建+”邻里中心` : `${p.name}党群服务站`,
      'compound_station',
      { streetCode: p.streetCode, communityCode: p.communityCode, compoundId: p.id },
      point(centre),
    );
  }
  return stations;
}

const SERVICE_CHANCES: Record<StationKind, Partial<Record<StationService, number>>> = {
  district_centre: {
    fee_payment: 1,
    grievance_intake: 1,
    legal_advice: 1,
    mediation: 1,
    party_activities: 1,
    elderly_care: 1,
  },
  street_centre: {
    fee_payment: 0.3,
    grievance_intake: 1,
    legal_advice: 1,
    mediation: 1,
    party_activities: 1,
    elderly_care: 0.5,
  },
  community_station: {
    fee_payment: 0.3,
    grievance_intake: 1,
    legal_advice: 0.3,
    mediation: 0.6,
    party_activities: 1,
    elderly_care: 0.6,
  },
  compound_station: {
    fee_payment: 1,
    grievance_intake: 1,
    mediation: 0.2,
    party_activities: 0.7,
    elderly_care: 0.4,
  },
};

function pickServices(kind: StationKind, random: Random): StationService[] {
  const chances = SERVICE_CHANCES[kind];
  return STATION_SERVICES.filter((service) => {
    const p = chances[service] ?? 0;
    return p >= 1 || (p > 0 && random.chance(p));
  });
}

function feature<G extends Polygon | Point, P>(properties: P, geometry: G): Feature<G, P> {
  return { type: 'Feature', properties, geometry };
}

function roundPosition([x, y]: Position, decimals: number): Position {
  const f = 10 ** decimals;
  return [Math.round(x * f) / f, Math.round(y * f) / f];
}
