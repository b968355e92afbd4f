import type { LAYER_FIELDS, LayerCollections } from '../../../common/api.ts';
import { apiGet, type ApiResult } from '../../lib/api-client.ts';
import { useApi, type ApiState } from '../../lib/use-api.ts';

/** What the tooltip shows (platform id, stream) and the compound a camera belongs to. */
export const CAMERA_LAYER_FIELDS = [
  'compoundId',
  'platformCameraId',
  'streamUrl',
] as const satisfies readonly (typeof LAYER_FIELDS)['cameras'][number][];

export type CameraCollection = LayerCollections['cameras'];

/** GET /api/layers/cameras for the whole district. */
export function getCamerasLayer(signal?: AbortSignal): Promise<ApiResult<CameraCollection>> {
  return apiGet<CameraCollection>('/api/layers/cameras', { fields: CAMERA_LAYER_FIELDS }, signal);
}

/** The cameras layer, fetched once `enabled` (the layer is off until asked for). */
export function useCamerasLayer(enabled: boolean): ApiState<CameraCollection> {
  return useApi(enabled ? { key: 'layers/cameras', fetch: getCamerasLayer } : null);
}
