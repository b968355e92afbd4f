import type { Health } from '../../common/api.ts';
import { apiGet } from '../lib/api-client.ts';
import { useApi, type ApiState } from '../lib/use-api.ts';

/** GET /api/health, for the data-source line in the header. */
export function useHealth(): ApiState<Health> {
  return useApi({ key: 'health', fetch: (signal) => apiGet<Health>('/api/health', {}, signal) });
}
