import type { LAYER_FIELDS, LayerCollections } from '../../../common/api.ts';
import { apiGet } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

export type BoundaryLayerName = 'district' | 'streets' | 'communities' | 'grids';

/** Extra properties a boundary layer can carry (e.g. a grid's communityCode). */
export type BoundaryField<L extends BoundaryLayerName> = (typeof LAYER_FIELDS)[L][number];

/** GET /api/layers/{district|streets|communities|grids}: the whole district, key and name (+ fields). */
export function getBoundaryLayer<L extends BoundaryLayerName>(
  layer: L,
  signal?: AbortSignal,
  fields: readonly BoundaryField<L>[] = [],
): Promise<ApiResult<LayerCollections[L]>> {
  return apiGet<LayerCollections[L]>(
    `/api/layers/${layer}`,
    { fields: fields.length > 0 ? fields : undefined },
    signal,
  );
}

/** A boundary layer (with `fields`), fetched once per page load and shared by every page. */
export function useBoundaryLayer<L extends BoundaryLayerName>(
  layer: L,
  fields: readonly BoundaryField<L>[] = [],
): ApiState<LayerCollections[L]> {
  return useApiQuery({
    queryKey: ['layers', layer, fields.join(',')],
    fetch: (signal) => getBoundaryLayer(layer, signal, fields),
  });
}
