import { useState } from 'react';
import type { ApiState } from './use-api.ts';

/**
 * An ApiState that keeps showing its last answer while the next one loads (a refetch after a live
 * update), instead of dropping back to loading. A first load is still loading.
 */
export function useStickyState<T>(state: ApiState<T>): ApiState<T> {
  const [last, setLast] = useState<ApiState<T> | null>(null);
  // the documented "adjust state while rendering" pattern
  if (state.status !== 'loading' && last !== state) setLast(state);
  return state.status === 'loading' && last !== null ? last : state;
}
