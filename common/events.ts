import type { ErrorCode } from './errors.ts';
import type { GrievanceEvent } from './grievances.ts';

// Socket.IO event maps, shared by server and client. Requests that take an ack are named
// `domain:verb`; broadcasts `domain:past-tense` (STYLE.md). Broadcasts carry no personal data:
// handlers read the reporter through GET /api/events/{id}.

/** What an ack carries: the result, or an error code from the fixed list. */
export type AckResult<T> = { data: T } | { error: { code: ErrorCode; message: string } };

export type SyncResult = { events: GrievanceEvent[]; head: number };

/** Broadcasts from the server, to the rooms of the event's grid, community, street and district. */
export type ServerToClientEvents = {
  'grievance:reported': (event: GrievanceEvent) => void;
  'grievance:updated': (event: GrievanceEvent) => void;
};

/** Requests from a client. */
export type ClientToServerEvents = {
  /** every event in the client's scope changed after stream position `since` (resync after a gap) */
  'grievance:sync': (since: number, ack: (result: AckResult<SyncResult>) => void) => void;
};

/** The handshake: `io(url, {auth: {token}})` with the token from POST /api/auth/login. */
export type SocketAuth = { token: string };
