import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { sessionFromToken, type AuthOptions } from '../auth/auth-routes.ts';
import {
  maskReporter,
  roomsFor,
  roomsOf,
  userRoom,
  withReadableDuplicate,
  type Principal,
} from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { duplicatePlaceOf, findChangesSince } from './grievances-read-queries.ts';
import { toAppError } from '../errors.ts';
import type { HeavyReads } from '../heavy-reads.ts';
import type { TokenBuckets } from '../token-buckets.ts';

type Io = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal; expiresAtMs: number }
>;

const MAX_TIMER_MS = 2 ** 31 - 1; // setTimeout's longest delay (≈ 24.8 days)

const ANONYMOUS: Principal = { kind: 'integration', name: 'anonymous' };

/** What bounds grievance:sync: a line shared with event lists, and a rate per user. */
export type SyncBounds = { heavyReads: HeavyReads; perUser: TokenBuckets };

/**
 * Socket handshake: a valid session token, else refused. Each socket joins the rooms its scope
 * allows (server-side: the client chooses nothing) and its user's room, and may ask for what it
 * missed since a seq: one sync at a time per socket, within its user's rate, in the server's line
 * of heavy reads. A socket lives no longer than its session: it is dropped when the token
 * expires, and when the user logs out (app.ts empties the user's room).
 */
export function attachGrievanceSocket(io: Io, db: Db, auth: AuthOptions, bounds: SyncBounds): void {
  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const session =
      typeof token === 'string'
        ? await sessionFromToken(db.priority, token, auth).catch(() => null)
        : null;
    if (!session) return next(new Error('unauthorized'));
    socket.data.principal = session.principal;
    socket.data.expiresAtMs = session.expiresAtMs;
    next();
  });

  io.on('connection', (socket) => {
    const p = socket.data.principal;
    if (p.kind === 'user') void socket.join([...roomsFor(p.scope), userRoom(p.id)]);
    // a session may outlast setTimeout's longest delay: wait in steps until it ends
    let expiry: NodeJS.Timeout;
    const dropAtExpiry = () => {
      const left = socket.data.expiresAtMs - auth.now().getTime();
      expiry =
        left > MAX_TIMER_MS
          ? setTimeout(dropAtExpiry, MAX_TIMER_MS)
          : setTimeout(() => socket.disconnect(true), Math.max(left, 0));
    };
    dropAtExpiry();
    socket.once('disconnect', () => clearTimeout(expiry));
    let syncing = false;
    // a resync costs its user one token, however many pages it takes: the next page of one
    // (asked from the head the last page ended at, while `more`) is free; pages still go one at a
    // time per socket and take turns with other heavy reads
    let nextPageFrom: number | null = null;
    socket.on('grievance:sync', async (since, ack) => {
      if (typeof ack !== 'function') return;
      if (!Number.isSafeInteger(since) || since < 0 || p.kind !== 'user') {
        return ack({
          error: { code: 'bad_request', message: 'since: expected a stream position ≥ 0' },
        });
      }
      if (syncing) {
        return ack({
          error: { code: 'rate_limited', message: 'A sync is already running on this socket' },
        });
      }
      const wait = since === nextPageFrom ? 0 : bounds.perUser.take(p.username);
      if (wait > 0) {
        return ack({
          error: { code: 'rate_limited', message: `Too many syncs; retry in ${wait} s` },
        });
      }
      syncing = true;
      try {
        const { events, head, more } = await bounds.heavyReads.run(() =>
          findChangesSince(db, p.scope, since),
        );
        const shown = events.map((e) =>
          maskReporter(ANONYMOUS, withReadableDuplicate(p, e, duplicatePlaceOf(e))),
        );
        nextPageFrom = more ? head : null;
        ack({ data: { events: shown, head, more } });
      } catch (err) {
        const known = toAppError(err);
        ack({
          error: {
            code: known?.code ?? 'internal',
            message: known?.message ?? 'Sync failed; retry',
          },
        });
      } finally {
        syncing = false;
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
