import type { LAYER_FIELDS, LayerCollections } from '../../../common/api.ts';
import { apiGet } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

/** The marker style depends on the kind only. */
export const STATION_LAYER_FIELDS = [
  'kind',
] as const satisfies readonly (typeof LAYER_FIELDS)['stations'][number][];

export type StationCollection = LayerCollections['stations'];

/** GET /api/layers/stations for the whole district. */
export function getStationsLayer(signal?: AbortSignal): Promise<ApiResult<StationCollection>> {
  return apiGet<StationCollection>(
    '/api/layers/stations',
    { fields: STATION_LAYER_FIELDS },
    signal,
  );
}

/** The stations layer. */
export function useStationsLayer(): ApiState<StationCollection> {
  return useApiQuery({ queryKey: ['layers', 'stations'], fetch: getStationsLayer });
}
