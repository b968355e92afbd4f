import type { FeedStatus } from '../../../common/command-feed.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';

/** GET /api/command-feed/status: delivered, pending and dead messages (operators, district admins). */
export function fetchFeedStatus(
  token: string,
  signal?: AbortSignal,
): Promise<ApiResult<FeedStatus>> {
  return apiRequest<FeedStatus>('/api/command-feed/status', { token, signal });
}

export type RetriedMessage = { id: number; state: 'pending' };

/** POST /api/command-feed/messages/{id}/retry: a dead letter back to pending (district admins). */
export function retryDeadLetter(token: string, id: number): Promise<ApiResult<RetriedMessage>> {
  return apiRequest<RetriedMessage>(`/api/command-feed/messages/${id}/retry`, {
    method: 'POST',
    token,
  });
}
