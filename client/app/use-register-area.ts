import { useMemo } from 'react';
import type { CompoundFeature, StationFeature } from '../../common/api.ts';
import type { Scope } from '../../common/auth.ts';
import { featureBounds } from '../../geometry/bounds.ts';
import { useBoundaryLayer } from '../features/boundaries/boundaries-api.ts';
import { useCompoundRegister } from '../features/compounds/compound-register-api.ts';
import { useStationRegister } from '../features/stations/station-register-api.ts';
import type { ScopeUnits } from '../features/users/user-scope.ts';

/**
 * The signed-in admin's area for the registers: its units (for filters, scopes and names), its
 * compounds and stations, and its bounds; a district admin's area is the district.
 */
export function useRegisterArea(scope: Scope) {
  const district = useBoundaryLayer('district');
  const streets = useBoundaryLayer('streets');
  const communities = useBoundaryLayer('communities', ['streetCode']);
  const grids = useBoundaryLayer('grids', ['communityCode']);
  const compounds = useCompoundRegister();
  const stations = useStationRegister();

  const units: ScopeUnits & { communityFeatures: CommunityList } = useMemo(() => {
    const allCommunities = communities.status === 'ready' ? communities.data.features : [];
    const inArea = allCommunities.filter(
      (c) =>
        scope.district ||
        scope.communities.includes(c.properties.code) ||
        scope.streets.includes(c.properties.streetCode ?? ''),
    );
    const codes = new Set(inArea.map((c) => c.properties.code));
    const streetCodes = new Set(inArea.map((c) => c.properties.streetCode));
    return {
      streets: (streets.status === 'ready' ? streets.data.features : [])
        .filter((s) => streetCodes.has(s.properties.code))
        .map((s) => s.properties),
      communities: inArea.map((c) => c.properties),
      grids: (grids.status === 'ready' ? grids.data.features : [])
        .filter((g) => codes.has(g.properties.communityCode ?? ''))
        .map((g) => g.properties),
      communityFeatures: inArea,
    };
  }, [scope, streets, communities, grids]);

  const names = useMemo(
    () =>
      new Map(
        [...units.streets, ...units.communities, ...units.grids].map((u) => [u.code, u.name]),
      ),
    [units],
  );
  const communityCodes = useMemo(() => new Set(units.communities.map((c) => c.code)), [units]);
  const areaCompounds: CompoundFeature[] = useMemo(
    () =>
      compounds.status === 'ready'
        ? compounds.data.features.filter((f) =>
            communityCodes.has(f.properties.communityCode ?? ''),
          )
        : [],
    [compounds, communityCodes],
  );
  const areaStations: StationFeature[] = useMemo(
    () =>
      stations.status === 'ready'
        ? stations.data.features.filter(
            (f) =>
              scope.district ||
              communityCodes.has(f.properties.communityCode ?? '') ||
              scope.streets.includes(f.properties.streetCode ?? ''),
          )
        : [],
    [stations, communityCodes, scope],
  );
  const bounds = useMemo(() => featureBounds(units.communityFeatures), [units]);
  const geojson = useMemo(
    () => ({
      district: district.status === 'ready' ? district.data : undefined,
      streets: streets.status === 'ready' ? streets.data : undefined,
      communities: communities.status === 'ready' ? communities.data : undefined,
    }),
    [district, streets, communities],
  );
  const layers = [district, streets, communities, grids, compounds, stations];
  return {
    units,
    names,
    compounds: areaCompounds,
    stations: areaStations,
    bounds,
    geojson,
    loaded: layers.every((l) => l.status === 'ready'),
    failure: layers.find((l) => l.status === 'error'),
  };
}

type CommunityList = Parameters<typeof featureBounds>[0];
