import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SocketAuth,
} from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';

/** The typed Socket.IO client: broadcasts from the server, requests with acks to it. */
export type GrievanceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Stops retrying after this many failed reconnects; the indicator then shows offline. */
const RECONNECTION_ATTEMPTS = 20;

/**
 * Connects to the Socket.IO server on this origin with a session token. The server joins the socket
 * to the rooms its scope allows; the client chooses nothing.
 * @example const socket = connectSocket(session.token); socket.on('grievance:reported', add);
 */
export function connectSocket(token: string): GrievanceSocket {
  const auth: SocketAuth = { token };
  return io({
    auth,
    reconnectionAttempts: RECONNECTION_ATTEMPTS,
    reconnectionDelayMax: 10_000,
  });
}

/** How long a sync page may take before it is asked again. */
const SYNC_TIMEOUT_MS = 10_000;
/** Waits before asking again for a page the server refused (it bounds syncs) or did not answer. */
const SYNC_RETRY_MS = [500, 1000, 2000, 5000, 10_000];

/**
 * Catches up on what changed since stream position `since`: asks `grievance:sync` a page at a
 * time until the server says there is no more, handing each page's events to `take`. A page the
 * server refused (`rate_limited` while others resync, `unavailable` while its database restarts)
 * or did not answer is asked again after a growing delay, for as long as the socket is connected.
 * @returns the stream position reached (the last page's head), or null if the socket left or the
 * session was refused: the next connect catches up again
 * @example const head = await catchUp(socket, lastSeq, merge);
 */
export async function catchUp(
  socket: GrievanceSocket,
  since: number,
  take: (events: GrievanceEvent[]) => void,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<number | null> {
  let from = since;
  let failures = 0;
  while (socket.connected) {
    const result = await socket
      .timeout(SYNC_TIMEOUT_MS)
      .emitWithAck('grievance:sync', from)
      .catch(() => null); // no answer in time
    if (result && 'data' in result) {
      take(result.data.events);
      from = Math.max(from, result.data.head);
      failures = 0;
      if (!result.data.more) return from;
      continue;
    }
    if (result?.error.code === 'unauthorized' || result?.error.code === 'bad_request') return null;
    const delay = SYNC_RETRY_MS[Math.min(failures++, SYNC_RETRY_MS.length - 1)]!;
    await wait(delay * (0.5 + Math.random() / 2)); // jitter: dashboards refused together spread out
  }
  return null;
}
