import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  SocketAuth,
} from '../../common/events.ts';

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
