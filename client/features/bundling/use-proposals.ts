import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { BundleProposal, BundlingProgress } from '../../../common/bundling.ts';
import type { ApiError } from '../../../common/errors.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { connectSocket, type GrievanceSocket } from '../../lib/socket.ts';
import { getProposals } from './bundling-api.ts';
import { mergeProposals } from './merge-proposals.ts';

const WATCH_TIMEOUT_MS = 5000;
const NO_PROPOSALS: BundleProposal[] = [];

/** The query key of the proposals list; broadcasts write into it. */
export const proposalsKey = (token: string) => ['bundles', 'proposals', token] as const;

export type ProposalsState = {
  /** newest first */
  proposals: BundleProposal[];
  status: 'loading' | 'ready' | 'error';
  error: ApiError['error'] | null;
  /** merges a proposal from elsewhere, e.g. the answer to the user's own action */
  merge: (proposal: BundleProposal) => void;
  /**
   * Joins the progress room of `progressId` and calls `onProgress` for its events until the
   * returned function is called. Resolves once the server has joined the socket (or could not).
   */
  watchProgress: (
    progressId: string,
    onProgress: (progress: BundlingProgress) => void,
  ) => Promise<() => void>;
};

/**
 * The bundle proposals, kept live: the list (GET /api/bundles/proposals) in the query cache, then
 * 'proposal:changed' broadcasts merged into it by version; a reconnect refetches the list (it may
 * have missed broadcasts). `onChanged` hears every broadcast (a contract moves coverage). The same
 * socket carries the progress of long suggestions ('bundling:watch').
 */
export function useProposals(
  token: string,
  onChanged: (proposal: BundleProposal) => void,
  onUnauthorized: () => void,
): ProposalsState {
  const queryClient = useQueryClient();
  const key = useMemo(() => proposalsKey(token), [token]);
  const query = useQuery<BundleProposal[], ApiFailure>({
    queryKey: key,
    // merged with what the cache holds: a broadcast newer than the list survives its arrival
    queryFn: async ({ signal }) =>
      mergeProposals(
        queryClient.getQueryData<BundleProposal[]>(key) ?? [],
        unwrap(await getProposals(token, {}, signal)),
      ),
  });
  const socketRef = useRef<GrievanceSocket | null>(null);
  const callbacks = useRef({ onChanged, onUnauthorized });
  useLayoutEffect(() => {
    callbacks.current = { onChanged, onUnauthorized };
  });

  const unauthorized = query.error?.body.code === 'unauthorized';
  useEffect(() => {
    if (unauthorized) callbacks.current.onUnauthorized();
  }, [unauthorized]);

  const merge = useCallback(
    (proposal: BundleProposal) =>
      queryClient.setQueryData<BundleProposal[]>(key, (current = []) =>
        mergeProposals(current, [proposal]),
      ),
    [queryClient, key],
  );

  useEffect(() => {
    const socket = connectSocket(token);
    socketRef.current = socket;
    socket.on('proposal:changed', (proposal) => {
      merge(proposal);
      callbacks.current.onChanged(proposal);
    });
    // a reconnect may have missed broadcasts: the list again, merged by version
    let connectedBefore = false;
    socket.on('connect', () => {
      if (connectedBefore) void queryClient.invalidateQueries({ queryKey: key });
      connectedBefore = true;
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token, key, merge, queryClient]);

  const watchProgress = useCallback(
    async (progressId: string, onProgress: (progress: BundlingProgress) => void) => {
      const socket = socketRef.current;
      if (!socket) return () => undefined;
      const listener = (progress: BundlingProgress) => {
        if (progress.progressId === progressId) onProgress(progress);
      };
      socket.on('bundling:progress', listener);
      // without the room the suggestion still answers, only without a progress bar
      await socket
        .timeout(WATCH_TIMEOUT_MS)
        .emitWithAck('bundling:watch', progressId)
        .catch(() => undefined);
      return () => {
        socket.off('bundling:progress', listener);
      };
    },
    [],
  );

  return {
    proposals: query.data ?? NO_PROPOSALS,
    status: query.isError ? 'error' : query.data === undefined ? 'loading' : 'ready',
    error: query.error?.body ?? null,
    merge,
    watchProgress,
  };
}
