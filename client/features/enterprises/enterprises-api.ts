import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  EnterpriseFile,
  EnterpriseSummary,
  InspectionDraw,
  RedBlackList,
} from '../../../common/enterprises.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

// The enterprises over the API: the register, a file, the draws and the published lists as
// queries; every write as a mutation that refreshes what it changes.

const KEY = ['enterprises'] as const;

export function useEnterpriseRegister(
  token: string,
  enabled: boolean,
): ApiState<EnterpriseSummary[]> {
  return useApiQuery({
    queryKey: [...KEY, 'register'],
    fetch: (signal) =>
      apiRequest<EnterpriseSummary[]>('/api/enterprises/register', { token, signal }),
    enabled,
  });
}

/** An enterprise's file; loading (nothing fetched) while id is null. */
export function useEnterpriseFile(token: string, id: number | null): ApiState<EnterpriseFile> {
  return useApiQuery({
    queryKey: [...KEY, 'file', id],
    fetch: (signal) => apiRequest<EnterpriseFile>(`/api/enterprises/${id}/file`, { token, signal }),
    enabled: id !== null,
  });
}

export function useDraws(): ApiState<InspectionDraw[]> {
  return useApiQuery({
    queryKey: [...KEY, 'draws'],
    fetch: (signal) => apiRequest<InspectionDraw[]>('/api/inspections/draws', { signal }),
  });
}

/** The published red/black lists, newest first (public). */
export function useRedBlackLists(): ApiState<RedBlackList[]> {
  return useApiQuery({
    queryKey: [...KEY, 'lists'],
    fetch: (signal) => apiRequest<RedBlackList[]>('/api/red-black-lists', { signal }),
  });
}

/** A write under an enterprise (…/interviews, …/interviews/{id}/answer, …); the file comes back. */
export function useFileWrite(token: string, enterpriseId: number) {
  const queryClient = useQueryClient();
  return useMutation<EnterpriseFile, ApiFailure, { path: string; body: Record<string, unknown> }>({
    mutationFn: async ({ path, body }) =>
      unwrap(
        await apiRequest<EnterpriseFile>(`/api/enterprises/${enterpriseId}${path}`, {
          method: 'POST',
          token,
          body,
        }),
      ),
    onSuccess: (file) => {
      queryClient.setQueryData([...KEY, 'file', enterpriseId], file);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'register'] });
    },
  });
}

/** A draw, a draw's results or a list's publication; refreshes everything enterprise. */
export function useBureauPost<T>(token: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation<T, ApiFailure, Record<string, unknown>>({
    mutationFn: async (body) => unwrap(await apiRequest<T>(path, { method: 'POST', token, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
