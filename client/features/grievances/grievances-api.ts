import type { CompoundDetail } from '../../../common/api.ts';
import type {
  AuditEntry,
  EventAction,
  GrievanceEvent,
  ReportEventInput,
} from '../../../common/grievances.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApiQuery, type ApiState } from '../../lib/use-api-query.ts';
import { toEventQuery, type EventFilter } from './event-filter.ts';

/** GET /api/events/{id}: the event with its audit trail. */
export type EventDetail = GrievanceEvent & { audit: AuditEntry[] };

/** POST /api/events/{id}/actions body. */
export type EventActionInput = {
  action: EventAction;
  note?: string;
  assignee?: string;
  /** reroute: the grid the event belongs to */
  gridCode?: string;
};

/** GET /api/events: the events in the user's scope that pass the filters, soonest deadline first. */
export function getEvents(
  token: string,
  filter: EventFilter,
  signal?: AbortSignal,
): Promise<ApiResult<GrievanceEvent[]>> {
  return apiRequest<GrievanceEvent[]>('/api/events', {
    params: toEventQuery(filter),
    token,
    signal,
  });
}

export function getEventDetail(
  token: string,
  id: number,
  signal?: AbortSignal,
): Promise<ApiResult<EventDetail>> {
  return apiRequest<EventDetail>(`/api/events/${id}`, { token, signal });
}

/**
 * POST /api/events/{id}/actions: the updated event, or 409 conflict (not legal in its state),
 * 403 forbidden (handled above the user's level).
 */
export function postEventAction(
  token: string,
  id: number,
  input: EventActionInput,
  idempotencyKey?: string,
): Promise<ApiResult<GrievanceEvent>> {
  return apiRequest<GrievanceEvent>(`/api/events/${id}/actions`, {
    method: 'POST',
    body: input,
    token,
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined,
  });
}

/**
 * The event's detail and audit trail, fetched again whenever its version (`seq`) changes: a live
 * update or the user's own action. The previous version stays on screen while the next one loads.
 */
export function useEventDetail(
  token: string,
  id: number | null,
  seq: number | null,
): ApiState<EventDetail> {
  return useApiQuery({
    queryKey: ['events', id, seq ?? 0, token],
    fetch: (signal) => getEventDetail(token, id!, signal),
    enabled: id !== null,
    keepPrevious: (previousKey) => previousKey[1] === id,
  });
}

/** GET /api/compounds/{id}: the compound an event lies in, for its name and property enterprise. */
export function useEventCompound(
  compoundId: number | null,
  token: string,
): ApiState<CompoundDetail> {
  return useApiQuery({
    queryKey: ['compounds', compoundId, token],
    fetch: (signal) =>
      apiRequest<CompoundDetail>(`/api/compounds/${compoundId}`, { token, signal }),
    enabled: compoundId !== null,
  });
}

/** POST /api/events as a logged-in handler: the new event (201), or the first one for a repeated key. */
export function postReport(
  token: string,
  input: ReportEventInput,
): Promise<ApiResult<GrievanceEvent>> {
  return apiRequest<GrievanceEvent>('/api/events', { method: 'POST', body: input, token });
}
