import type { CoverageSummary } from '../../../common/api.ts';
import { apiGet } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';

/** GET /api/coverage */
export function getCoverageSummary(signal?: AbortSignal): Promise<ApiResult<CoverageSummary>> {
  return apiGet<CoverageSummary>('/api/coverage', {}, signal);
}

/** The district's coverage summary. */
export function useCoverageSummary(): ApiState<CoverageSummary> {
  return useApiQuery({ queryKey: ['coverage'], fetch: getCoverageSummary });
}
