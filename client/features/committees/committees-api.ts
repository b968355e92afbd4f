import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CommitteeAction,
  CommitteeCompliance,
  CommitteeFile,
  CommitteeList,
  CommitteeMember,
  DueDuty,
  RuleCheck,
} from '../../../common/committees.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

// Owners' committees over the API: the list, the due list and a committee's file as queries; the
// lifecycle steps and duties as mutations that refresh all three.

export type CommitteeFilters = { communityCode?: string; compliance?: CommitteeCompliance };

const KEY = ['committees'] as const;

export function useCommitteeList(
  token: string,
  filters: CommitteeFilters,
): ApiState<CommitteeList> {
  return useApiQuery({
    queryKey: [...KEY, 'list', filters],
    fetch: (signal) =>
      apiRequest<CommitteeList>('/api/committees', { token, signal, params: filters }),
    keepPrevious: true,
  });
}

export function useDueDuties(token: string): ApiState<DueDuty[]> {
  return useApiQuery({
    queryKey: [...KEY, 'due'],
    fetch: (signal) => apiRequest<DueDuty[]>('/api/committees/due', { token, signal }),
  });
}

/** A compound's committee file; loading (nothing fetched) while id is null. */
export function useCommitteeFile(token: string, id: number | null): ApiState<CommitteeFile> {
  return useApiQuery({
    queryKey: [...KEY, 'file', id],
    fetch: (signal) => apiRequest<CommitteeFile>(`/api/committees/${id}`, { token, signal }),
    enabled: id !== null,
  });
}

/** The rules a membership would meet, asked of the server as the form changes (live checks). */
export function useMembershipChecks(
  token: string,
  kind: 'elected' | 'temporary',
  members: CommitteeMember[],
): ApiState<RuleCheck[]> {
  return useApiQuery({
    queryKey: [...KEY, 'check', kind, members],
    fetch: (signal) =>
      apiRequest<RuleCheck[]>('/api/committees/check', {
        method: 'POST',
        token,
        signal,
        body: { kind, members: members.map(({ name: _n, role: _r, ...flags }) => flags) },
      }),
    keepPrevious: true,
  });
}

/**
 * What a change posts: a lifecycle step, a quarter's disclosure or a year's evaluation, or a
 * supervision record at its path under the committee (meetings, account-checks, violations,
 * orders, orders/{orderId}/close).
 */
export type CommitteeChange =
  | { kind: 'action'; action: CommitteeAction; body: Record<string, unknown> }
  | { kind: 'disclosure' | 'evaluation'; body: Record<string, unknown> }
  | { kind: 'record'; path: string; body: Record<string, unknown> };

const PATH: Record<'disclosure' | 'evaluation', string> = {
  disclosure: 'disclosures',
  evaluation: 'evaluations',
};

/** Posts a change of one committee; on success the file, the list and the due list refresh. */
export function useCommitteeChange(token: string, compoundId: number) {
  const queryClient = useQueryClient();
  return useMutation<CommitteeFile, ApiFailure, CommitteeChange>({
    mutationFn: async (change) => {
      const segment =
        change.kind === 'action'
          ? change.action.replace('_', '-')
          : change.kind === 'record'
            ? change.path
            : PATH[change.kind];
      return unwrap(
        await apiRequest<CommitteeFile>(`/api/committees/${compoundId}/${segment}`, {
          method: 'POST',
          token,
          body: change.body,
        }),
      );
    },
    onSuccess: (file) => {
      queryClient.setQueryData([...KEY, 'file', compoundId], file);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'due'] });
    },
  });
}
