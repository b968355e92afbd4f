import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { BundleEvaluation } from '../../../common/bundling.ts';
import { unwrap, type ApiFailure } from '../../lib/query-client.ts';
import { evaluateBundle } from './bundling-api.ts';
import type { EvaluationState } from './selection-panel.tsx';

/**
 * The live metrics of a selection (POST /api/bundles/evaluate), asked again on every change; a
 * newer selection aborts the older request, and the last metrics stay shown while it loads.
 */
export function useBundleEvaluation(
  token: string,
  selected: readonly number[],
  onUnauthorized: () => void,
): EvaluationState {
  const selectionKey = selected.join(',');
  const query = useQuery<BundleEvaluation, ApiFailure>({
    queryKey: ['bundles', 'evaluate', selectionKey, token],
    queryFn: async ({ signal }) =>
      unwrap(await evaluateBundle(token, selectionKey.split(',').map(Number), signal)),
    enabled: selectionKey !== '',
    placeholderData: keepPreviousData,
    // metrics depend on coverage, which contracts change: an answer is only good while shown
    gcTime: 0,
  });
  const unauthorized = query.error?.body.code === 'unauthorized';
  useEffect(() => {
    if (unauthorized) onUnauthorized();
  }, [unauthorized, onUnauthorized]);

  if (selectionKey === '') return { status: 'idle' };
  if (query.isError) return { status: 'error', message: query.error.message };
  if (query.isPlaceholderData || query.data === undefined) {
    return { status: 'loading', last: query.data ?? null };
  }
  return { status: 'ready', data: query.data };
}
