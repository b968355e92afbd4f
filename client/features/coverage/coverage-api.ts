import type { CoverageSummary } from '../../../common/api.ts';
import { apiGet } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApi, type ApiState } from '../../lib/use-api.ts';

/** GET /api/coverage */
export function getCoverageSummary(signal?: AbortSignal): Promise<ApiResult<CoverageSummary>> {
  return apiGet<CoverageSummary>('/api/coverage', {}, signal);
}

export function useCoverageSummary(): ApiState<CoverageSummary> {
  return useApi({ key: 'coverage', fetch: getCoverageSummary });
}
