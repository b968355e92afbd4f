import { useMemo } from 'react';
import type { LayerCollections } from '../../../common/api.ts';
import type { ApiState } from '../../lib/use-api-query.ts';

/** Street and community names by code, from whichever of the two layers has arrived. */
export function useUnitNames(
  streets: ApiState<LayerCollections['streets']>,
  communities: ApiState<LayerCollections['communities']>,
): ReadonlyMap<string, string> {
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const state of [streets, communities]) {
      if (state.status !== 'ready') continue;
      for (const feature of state.data.features) {
        names.set(feature.properties.code, feature.properties.name);
      }
    }
    return names;
  }, [streets, communities]);
}
