import type { Health } from '../../common/api.ts';
import { apiGet } from '../lib/api-client.ts';
import { useApiQuery, type ApiState } from '../lib/use-api-query.ts';

/** GET /api/health, for the data-source line in the header. */
export function useHealth(): ApiState<Health> {
  return useApiQuery({
    queryKey: ['health'],
    fetch: (signal) => apiGet<Health>('/api/health', {}, signal),
  });
}
