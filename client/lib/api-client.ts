import type { ApiError, ApiResult } from '../../common/errors.ts';

export type QueryParams = Record<string, string | number | readonly string[] | undefined>;

export type ApiRequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH';
  params?: QueryParams;
  /** sent as JSON; a FormData as multipart (an upload) */
  body?: unknown;
  /** a session token (POST /api/auth/login), sent as `Authorization: Bearer …` */
  token?: string | null;
  /** more request headers, e.g. an `Idempotency-Key` */
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/**
 * GETs a JSON resource from the API on this origin.
 * @example await apiGet<Health>('/api/health') // { data: { status: 'ok', … } }
 */
export function apiGet<T>(
  path: string,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  return apiRequest<T>(path, { params, signal });
}

/**
 * Sends a request to the API and reads its JSON answer; never throws except on abort.
 * @example await apiRequest<GrievanceEvent>('/api/events/7/actions', { method: 'POST', body: { action: 'accept' }, token })
 */
export async function apiRequest<T>(
  path: string,
  { method = 'GET', params = {}, body, token, headers: extra, signal }: ApiRequestOptions = {},
): Promise<ApiResult<T>> {
  const url = `${path}${toQueryString(params)}`;
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause; // callers ignore aborted requests; do not turn them into errors
    // no answer at all (offline, connection refused): 'unavailable', so callers may retry later
    return {
      error: { code: 'unavailable', message: `Network error for ${path}: ${String(cause)}` },
    };
  }
  if (response.status === 204) return { data: undefined as T }; // no content: done
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    if (json === undefined) {
      return { error: { code: 'internal', message: `Response of ${path} is not JSON` } };
    }
    return { data: json as T };
  }
  if (isApiError(json)) return { error: json.error };
  return {
    error: {
      code: 'internal',
      message: `${path} answered ${response.status} without an error body`,
    },
  };
}

/** Builds `?a=1&b=x,y` from params, skipping undefined ones; arrays are comma-joined. */
export function toQueryString(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    search.set(key, typeof value === 'object' ? value.join(',') : String(value));
  }
  const query = search.toString();
  // keep commas readable; they are legal in a query string
  return query ? `?${query.replaceAll('%2C', ',')}` : '';
}

function isApiError(body: unknown): body is ApiError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
