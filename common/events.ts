import type { BundleProposal, BundlingProgress } from './bundling.ts';
import type { ApiResult } from './errors.ts';
import type { GrievanceEvent } from './grievances.ts';

// Socket.IO event maps, shared by server and client. Requests that take an ack are named
// `domain:verb`; broadcasts `domain:past-tense` (STYLE.md). Broadcasts carry no personal data:
// handlers read the reporter through GET /api/events/{id}.

/** What an ack carries: the same result as an HTTP answer (the name reads better in socket code). */
export type AckResult<T> = ApiResult<T>;

/**
 * One page of a resync: the events in scope changed after `since`, oldest change first, at most
 * a page of them. `head` is the stream position they bring the client to: ask again from it while
 * `more` is true.
 */
export type SyncResult = { events: GrievanceEvent[]; head: number; more: boolean };

/** Broadcasts from the server, to the rooms of the event's grid, community, street and district. */
export type ServerToClientEvents = {
  'grievance:reported': (event: GrievanceEvent) => void;
  'grievance:updated': (event: GrievanceEvent) => void;
  /** a long bundling suggestion's progress, to the sockets that joined its progressId */
  'bundling:progress': (progress: BundlingProgress) => void;
  /** a bundle proposal was created or changed, to the rooms of the district and its street */
  'proposal:changed': (proposal: BundleProposal) => void;
};

/** Requests from a client. */
export type ClientToServerEvents = {
  /** the events in the client's scope changed after stream position `since`, a page at a time */
  'grievance:sync': (since: number, ack: (result: AckResult<SyncResult>) => void) => void;
  /** join the progress events of a suggestion the client is about to request with this id */
  'bundling:watch': (progressId: string, ack: (result: AckResult<true>) => void) => void;
};

/** The handshake: `io(url, {auth: {token}})` with the token from POST /api/auth/login. */
export type SocketAuth = { token: string };
