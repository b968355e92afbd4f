import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../../common/errors.ts';

export type ApiState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: ApiError['error'] };

const LOADING: ApiState<never> = { status: 'loading' }; // one object, so memos keyed on a state hold

/** A request and the key that identifies it: a new key means a new request. */
export type ApiRequest<T> = {
  key: string;
  fetch: (signal: AbortSignal) => Promise<ApiResult<T>>;
};

/**
 * Runs the request whenever its key changes (null = nothing to fetch) and tracks its result.
 * Responses of superseded keys are dropped and their requests aborted.
 */
export function useApi<T>(request: ApiRequest<T> | null): ApiState<T> {
  const key = request?.key ?? null;
  const [state, setState] = useState<{ key: string | null; value: ApiState<T> }>({
    key: null,
    value: LOADING,
  });
  // the fetch function is usually an inline closure; only the key decides when to refetch
  const requestRef = useRef(request);
  useLayoutEffect(() => {
    requestRef.current = request;
  });

  useEffect(() => {
    const current = requestRef.current;
    if (key === null || !current) return;
    const controller = new AbortController();
    current.fetch(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        const value: ApiState<T> =
          'data' in result
            ? { status: 'ready', data: result.data }
            : { status: 'error', error: result.error };
        setState({ key, value });
      },
      () => undefined, // only aborts reject (apiGet turns everything else into an ApiResult)
    );
    return () => controller.abort();
  }, [key]);

  return state.key === key ? state.value : LOADING;
}
