import type { LAYER_FIELDS, LayerCollections } from '../../../common/api.ts';
import type { LoginResult, Role } from '../../../common/auth.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

type CameraField = (typeof LAYER_FIELDS)['cameras'][number];

/** What the tooltip shows (platform id) and the compound a camera belongs to. */
export const CAMERA_LAYER_FIELDS = [
  'compoundId',
  'platformCameraId',
] as const satisfies readonly CameraField[];

/** Stream addresses are for the command centre (the server refuses them to other roles). */
const STREAM_ROLES: readonly Role[] = ['operator', 'district_admin'];

export type CameraCollection = LayerCollections['cameras'];

/** GET /api/layers/cameras for the whole district (a login; the stream address by role). */
export function getCamerasLayer(
  session: Pick<LoginResult, 'token' | 'user'>,
  signal?: AbortSignal,
): Promise<ApiResult<CameraCollection>> {
  const fields: CameraField[] = [...CAMERA_LAYER_FIELDS];
  if (STREAM_ROLES.includes(session.user.role)) fields.push('streamUrl');
  return apiRequest<CameraCollection>('/api/layers/cameras', {
    params: { fields },
    token: session.token,
    signal,
  });
}

/** The cameras layer, fetched once `enabled` (the layer is off until asked for). */
export function useCamerasLayer(
  session: Pick<LoginResult, 'token' | 'user'>,
  enabled: boolean,
): ApiState<CameraCollection> {
  return useApiQuery({
    queryKey: ['layers', 'cameras', session.token],
    fetch: (signal) => getCamerasLayer(session, signal),
    enabled,
  });
}
