import { useMemo } from 'react';
import type { LayerCollections } from '../../common/api.ts';
import { toBoundaryLabels } from '../features/boundaries/boundaries-layer.ts';
import { useUnitNames } from '../features/boundaries/use-unit-names.ts';
import type { UnitOption } from '../features/bundling/bundling-panel.tsx';
import { featureBounds } from '../../geometry/bounds.ts';
import type { ApiState } from '../lib/use-api-query.ts';

type Boundaries = {
  district: ApiState<LayerCollections['district']>;
  streets: ApiState<LayerCollections['streets']>;
  communities: ApiState<LayerCollections['communities']>;
};

/**
 * What the planner's page reads from the boundary layers: names by code, the street picker's
 * options (a street admin's own street only), the map's GeoJSON, labels and the bounds to fit
 * (the picked street's, else the district's).
 */
export function usePlanGeography(
  { district, streets, communities }: Boundaries,
  streetCode: string | null,
  ownStreet: string | null,
) {
  const unitNames = useUnitNames(streets, communities);
  const streetOptions = useMemo<UnitOption[]>(
    () =>
      streets.status === 'ready'
        ? streets.data.features
            .map((feature) => feature.properties)
            .filter((street) => ownStreet === null || street.code === ownStreet)
        : [],
    [streets, ownStreet],
  );
  const districtName =
    district.status === 'ready' ? (district.data.features[0]?.properties.name ?? '') : '';
  const geojson = useMemo(
    () => ({
      district: district.status === 'ready' ? district.data : undefined,
      streets: streets.status === 'ready' ? streets.data : undefined,
      communities: communities.status === 'ready' ? communities.data : undefined,
    }),
    [district, streets, communities],
  );
  const bounds = useMemo(() => {
    if (streetCode !== null && streets.status === 'ready') {
      const street = streets.data.features.filter((f) => f.properties.code === streetCode);
      if (street.length > 0) return featureBounds(street);
    }
    return district.status === 'ready' ? featureBounds(district.data.features) : null;
  }, [streetCode, streets, district]);
  const streetLabels = useMemo(
    () => (streets.status === 'ready' ? toBoundaryLabels(streets.data.features) : []),
    [streets],
  );
  const communityLabels = useMemo(
    () => (communities.status === 'ready' ? toBoundaryLabels(communities.data.features) : []),
    [communities],
  );
  return { unitNames, streetOptions, districtName, geojson, bounds, streetLabels, communityLabels };
}
