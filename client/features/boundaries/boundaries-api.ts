import type { LayerCollections } from '../../../common/api.ts';
import { apiGet, type ApiResult } from '../../lib/api-client.ts';
import { useApi, type ApiState } from '../../lib/use-api.ts';

export type BoundaryLayerName = 'district' | 'streets' | 'communities' | 'grids';

/** GET /api/layers/{district|streets|communities|grids}: the whole district, key and name only. */
export function getBoundaryLayer<L extends BoundaryLayerName>(
  layer: L,
  signal?: AbortSignal,
): Promise<ApiResult<LayerCollections[L]>> {
  return apiGet<LayerCollections[L]>(`/api/layers/${layer}`, {}, signal);
}

export function useBoundaryLayer<L extends BoundaryLayerName>(
  layer: L,
): ApiState<LayerCollections[L]> {
  return useApi({ key: `layers/${layer}`, fetch: (signal) => getBoundaryLayer(layer, signal) });
}
