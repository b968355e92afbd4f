import type { LoginResult } from '../../../common/auth.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';

/** POST /api/auth/login: a session token and the user, or 401 for wrong credentials. */
export function login(username: string, password: string): Promise<ApiResult<LoginResult>> {
  return apiRequest<LoginResult>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
  });
}

/** POST /api/auth/password: one's own new password; every session of the user ends (204). */
export function changeOwnPassword(
  token: string,
  currentPassword: string,
  newPassword: string,
): Promise<ApiResult<undefined>> {
  return apiRequest<undefined>('/api/auth/password', {
    method: 'POST',
    token,
    body: { currentPassword, newPassword },
  });
}
