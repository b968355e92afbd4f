import { useMemo } from 'react';
import type { LayerCollections } from '../../common/api.ts';
import type { Scope } from '../../common/auth.ts';
import { toBoundaryLabels } from '../features/boundaries/boundaries-layer.ts';
import type { CompoundCollection } from '../features/compounds/compounds-api.ts';
import {
  selectDispatchArea,
  selectFeaturesNear,
  unitNames,
} from '../features/grievances/dispatch-area.ts';
import type { ApiState } from '../lib/use-api-query.ts';

export type DispatchLayers = {
  district: ApiState<LayerCollections['district']>;
  streets: ApiState<LayerCollections['streets']>;
  communities: ApiState<LayerCollections['communities']>;
  grids: ApiState<LayerCollections['grids']>;
};

const EMPTY_COMPOUNDS: CompoundCollection['features'] = [];

/**
 * The user's dispatch area from the boundary layers (null until all four arrived): its units and
 * bounds, names by code, the grids for a reroute, the labels; and the compounds near it.
 */
export function useDispatchArea(
  { district, streets, communities, grids }: DispatchLayers,
  compounds: ApiState<CompoundCollection>,
  scope: Scope,
) {
  const derived = useMemo(() => {
    if (
      district.status !== 'ready' ||
      streets.status !== 'ready' ||
      communities.status !== 'ready' ||
      grids.status !== 'ready'
    ) {
      return null;
    }
    const layers = {
      district: district.data,
      streets: streets.data,
      communities: communities.data,
      grids: grids.data,
    };
    return {
      geojson: layers,
      area: selectDispatchArea(scope, layers),
      names: unitNames(layers),
      gridOptions: grids.data.features.map((f) => ({
        code: f.properties.code,
        name: f.properties.name,
      })),
      streetLabels: toBoundaryLabels(streets.data.features),
      communityLabels: toBoundaryLabels(communities.data.features),
    };
  }, [district, streets, communities, grids, scope]);
  const nearbyCompounds = useMemo(
    () =>
      derived && compounds.status === 'ready'
        ? selectFeaturesNear(compounds.data.features, derived.area)
        : EMPTY_COMPOUNDS,
    [derived, compounds],
  );
  return { derived, nearbyCompounds };
}
