import { useCallback, useEffect, useRef, useState } from 'react';
import type { BundleProposal, BundlingProgress } from '../../../common/bundling.ts';
import type { ApiError } from '../../../common/errors.ts';
import { connectSocket, type GrievanceSocket } from '../../lib/socket.ts';
import { getProposals } from './bundling-api.ts';
import { mergeProposals } from './merge-proposals.ts';

const WATCH_TIMEOUT_MS = 5000;

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
 * The bundle proposals, kept live: the list (GET /api/bundles/proposals), then 'proposal:changed'
 * broadcasts merged by version. `onChanged` hears every broadcast (a contract moves coverage).
 * The same socket carries the progress of long suggestions ('bundling:watch').
 */
export function useProposals(
  token: string,
  onChanged: (proposal: BundleProposal) => void,
  onUnauthorized: () => void,
): ProposalsState {
  const [proposals, setProposals] = useState<BundleProposal[]>([]);
  const [status, setStatus] = useState<ProposalsState['status']>('loading');
  const [error, setError] = useState<ApiError['error'] | null>(null);
  const socketRef = useRef<GrievanceSocket | null>(null);
  const callbacks = useRef({ onChanged, onUnauthorized });
  useEffect(() => {
    callbacks.current = { onChanged, onUnauthorized };
  });

  const merge = useCallback((proposal: BundleProposal) => {
    setProposals((current) => mergeProposals(current, [proposal]));
  }, []);

  const load = useCallback(
    (signal?: AbortSignal) =>
      getProposals(token, {}, signal).then(
        (result) => {
          if (signal?.aborted) return;
          if ('error' in result) {
            if (result.error.code === 'unauthorized') callbacks.current.onUnauthorized();
            setStatus('error');
            setError(result.error);
            return;
          }
          setProposals((current) => mergeProposals(current, result.data));
          setStatus('ready');
          setError(null);
        },
        () => undefined, // aborted
      ),
    [token],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(() => {
    const socket = connectSocket(token);
    socketRef.current = socket;
    socket.on('proposal:changed', (proposal) => {
      setProposals((current) => mergeProposals(current, [proposal]));
      callbacks.current.onChanged(proposal);
    });
    // a reconnect may have missed broadcasts: the list again, merged by version
    let connectedBefore = false;
    socket.on('connect', () => {
      if (connectedBefore) void load();
      connectedBefore = true;
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token, load]);

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

  return { proposals, status, error, merge, watchProgress };
}
