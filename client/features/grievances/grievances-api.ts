import { useState } from 'react';
import type { CompoundDetail } from '../../../common/api.ts';
import type { AuditEntry, EventAction, GrievanceEvent } from '../../../common/grievances.ts';
import { apiRequest } from '../../lib/api-client.ts';
import type { ApiResult } from '../../../common/errors.ts';
import { useApi, type ApiState } from '../../lib/use-api.ts';
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
): Promise<ApiResult<GrievanceEvent>> {
  return apiRequest<GrievanceEvent>(`/api/events/${id}/actions`, {
    method: 'POST',
    body: input,
    token,
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
  const state = useApi(
    id === null
      ? null
      : {
          key: `events/${id}@${seq ?? 0}`,
          fetch: (signal) => getEventDetail(token, id, signal),
        },
  );
  // the documented "adjust state while rendering" pattern: remember the last answer for this id
  const [last, setLast] = useState<{ id: number; value: ApiState<EventDetail> } | null>(null);
  if (id !== null && state.status !== 'loading' && last?.value !== state) {
    setLast({ id, value: state });
  }
  return state.status === 'loading' && last !== null && last.id === id ? last.value : state;
}

/** GET /api/compounds/{id}: the compound an event lies in, for its name and property enterprise. */
export function useEventCompound(
  compoundId: number | null,
  token: string,
): ApiState<CompoundDetail> {
  return useApi(
    compoundId === null
      ? null
      : {
          key: `compounds/${compoundId}:${token}`,
          fetch: (signal) =>
            apiRequest<CompoundDetail>(`/api/compounds/${compoundId}`, { token, signal }),
        },
  );
}
