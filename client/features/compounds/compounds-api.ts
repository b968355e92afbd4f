import type { CompoundDetail, LAYER_FIELDS, LayerCollections } from '../../../common/api.ts';
import { apiGet, apiRequest } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

/** What the map needs per compound beyond id and name: the fill, the tooltip and the legend. */
export const COMPOUND_LAYER_FIELDS = [
  'coverageMode',
  'households',
  'buildings',
] as const satisfies readonly (typeof LAYER_FIELDS)['compounds'][number][];

export type CompoundCollection = LayerCollections['compounds'];

/** GET /api/layers/compounds for the whole district. */
export function getCompoundsLayer(signal?: AbortSignal): Promise<ApiResult<CompoundCollection>> {
  return apiGet<CompoundCollection>(
    '/api/layers/compounds',
    { fields: COMPOUND_LAYER_FIELDS },
    signal,
  );
}

/** The compounds layer with the map's fields. */
export function useCompoundsLayer(): ApiState<CompoundCollection> {
  return useApiQuery({ queryKey: ['layers', 'compounds', 'map'], fetch: getCompoundsLayer });
}

/** GET /api/compounds/{id} (a login: it names the enterprise and the owners' committee) */
export function getCompoundDetail(
  id: number,
  token: string,
  signal?: AbortSignal,
): Promise<ApiResult<CompoundDetail>> {
  return apiRequest<CompoundDetail>(`/api/compounds/${id}`, { token, signal });
}

/** The detail of the selected compound; idle (loading, nothing fetched) while id is null. */
export function useCompoundDetail(id: number | null, token: string): ApiState<CompoundDetail> {
  return useApiQuery({
    queryKey: ['compounds', id, token],
    fetch: (signal) => getCompoundDetail(id!, token, signal),
    enabled: id !== null,
  });
}
