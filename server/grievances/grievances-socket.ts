import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { principalFromToken, type AuthOptions } from '../auth/auth-routes.ts';
import {
  maskReporter,
  roomsFor,
  roomsOf,
  withReadableDuplicate,
  type Principal,
} from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { duplicatePlaceOf, findChangesSince } from './grievances-queries.ts';

type Io = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal }
>;

const ANONYMOUS: Principal = { kind: 'integration', name: 'anonymous' };

/**
 * Socket handshake: a valid session token, else refused. Each socket joins the rooms its scope
 * allows (server-side: the client chooses nothing), and may ask for what it missed since a seq.
 */
export function attachGrievanceSocket(io: Io, db: Db, auth: AuthOptions): void {
  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const principal = typeof token === 'string' ? await principalFromToken(db, token, auth) : null;
    if (!principal) return next(new Error('unauthorized'));
    socket.data.principal = principal;
    next();
  });

  io.on('connection', (socket) => {
    const p = socket.data.principal;
    if (p.kind === 'user') void socket.join(roomsFor(p.scope));
    socket.on('grievance:sync', async (since, ack) => {
      if (typeof ack !== 'function') return;
      if (!Number.isInteger(since) || since < 0 || p.kind !== 'user') {
        return ack({
          error: { code: 'bad_request', message: 'since: expected a stream position ≥ 0' },
        });
      }
      try {
        const { events, head, more } = await findChangesSince(db, p.scope, since);
        const shown = events.map((e) =>
          maskReporter(ANONYMOUS, withReadableDuplicate(p, e, duplicatePlaceOf(e))),
        );
        ack({ data: { events: shown, head, more } });
      } catch {
        ack({ error: { code: 'internal', message: 'Sync failed; retry' } });
      }
    });
  });
}

/**
 * Broadcasts an event's new version to the rooms of its place, once, after its commit. An event
 * that moved (a reroute) also goes to the rooms of where it was, so the old grid sees it leave.
 * Its duplicate link goes only to the rooms whose readers may read the duplicate (the rooms of the
 * duplicate's place); the other rooms get the event without it.
 */
export function broadcastEvent(
  io: Io,
  event: GrievanceEvent,
  created: boolean,
  previous?: Pick<GrievanceEvent, 'gridCode' | 'communityCode' | 'streetCode'>,
): void {
  const masked = maskReporter(ANONYMOUS, event);
  const name = created ? 'grievance:reported' : 'grievance:updated';
  const rooms = [...new Set([...roomsOf(event), ...(previous ? roomsOf(previous) : [])])];
  if (event.duplicateOf === null) {
    io.to(rooms).emit(name, masked);
    return;
  }
  const place = duplicatePlaceOf(event);
  const readers = place ? roomsOf(place) : ['district'];
  const linked = rooms.filter((r) => readers.includes(r));
  const unlinked = rooms.filter((r) => !readers.includes(r));
  if (linked.length > 0) io.to(linked).emit(name, masked);
  // a socket in both kinds of room may read the duplicate: it gets the linked variant only
  if (unlinked.length > 0)
    io.to(unlinked)
      .except(linked)
      .emit(name, { ...masked, duplicateOf: null });
}

export type GrievanceIo = Io;
