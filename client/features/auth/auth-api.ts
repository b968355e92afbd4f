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
