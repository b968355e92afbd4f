import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegisterAuditEntry } from '../../../common/register-audit.ts';
import type { UserRecord } from '../../../common/users.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

// The users register over the API: the users one may manage, a user's audit trail, and the
// changes (create; name, role, scope, activity) as one mutation refreshing both.

const KEY = ['users'] as const;

/** GET /api/users: the users the signed-in manager may manage. */
export function useUsers(token: string): ApiState<UserRecord[]> {
  return useApiQuery({
    queryKey: [...KEY, 'list', token],
    fetch: (signal) => apiRequest<UserRecord[]>('/api/users', { token, signal }),
  });
}

/** GET /api/users/{id}/history; loading while id is null. */
export function useUserHistory(token: string, id: number | null): ApiState<RegisterAuditEntry[]> {
  return useApiQuery({
    queryKey: [...KEY, 'history', id],
    fetch: (signal) =>
      apiRequest<RegisterAuditEntry[]>(`/api/users/${id}/history`, { token, signal }),
    enabled: id !== null,
  });
}

export type UserChange =
  | { kind: 'create'; body: Record<string, unknown> }
  | { kind: 'edit'; id: number; body: Record<string, unknown> };

/** Creates or changes a user; answers the user after it. */
export function useUserChange(token: string) {
  const queryClient = useQueryClient();
  return useMutation<UserRecord, ApiFailure, UserChange>({
    mutationFn: async (change) =>
      unwrap(
        await apiRequest<UserRecord>(
          change.kind === 'create' ? '/api/users' : `/api/users/${change.id}`,
          { method: change.kind === 'create' ? 'POST' : 'PATCH', token, body: change.body },
        ),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
