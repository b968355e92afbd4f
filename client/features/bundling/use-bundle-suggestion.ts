import { useCallback, useState } from 'react';
import type { BundlingProgress, BundlingResult } from '../../../common/bundling.ts';
import { suggestBundles } from './bundling-api.ts';
import type { ProposalsState } from './use-proposals.ts';

export type BundleSuggestion = {
  result: BundlingResult | null;
  running: boolean;
  progress: BundlingProgress | null;
  error: string | null;
  /** coverage changed (a contract) since the suggestion was computed */
  stale: boolean;
  /** asks the solver for bundles of the street (or the district), with a progress bar */
  suggest: () => void;
  /** forgets the suggestion (another street) */
  reset: () => void;
};

/**
 * The solver's suggestion for a street: running it with live progress, its answer or error.
 * `coverage` is the coverage data on screen (any value that changes when coverage does): a
 * suggestion computed on other coverage is stale.
 */
export function useBundleSuggestion(
  token: string,
  streetCode: string | null,
  coverage: unknown,
  watchProgress: ProposalsState['watchProgress'],
  onUnauthorized: () => void,
): BundleSuggestion {
  const [answer, setAnswer] = useState<{ result: BundlingResult; coverage: unknown } | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<BundlingProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  const suggest = useCallback(async () => {
    setRunning(true);
    setProgress(null);
    setError(null);
    const progressId = newProgressId();
    const stop = await watchProgress(progressId, setProgress);
    const reply = await suggestBundles(token, { streetCode: streetCode ?? undefined, progressId });
    stop();
    setRunning(false);
    if ('data' in reply) {
      setAnswer({ result: reply.data, coverage });
    } else {
      if (reply.error.code === 'unauthorized') onUnauthorized();
      setError(reply.error.message);
    }
  }, [token, streetCode, coverage, watchProgress, onUnauthorized]);

  const reset = useCallback(() => {
    setAnswer(null);
    setError(null);
  }, []);
  const onSuggest = useCallback(() => void suggest(), [suggest]);

  return {
    result: answer?.result ?? null,
    running,
    progress,
    error,
    stale: answer !== null && answer.coverage !== coverage,
    suggest: onSuggest,
    reset,
  };
}

function newProgressId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
