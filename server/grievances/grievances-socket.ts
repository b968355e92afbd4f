import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../common/events.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { principalFromToken, type AuthOptions } from '../auth/auth-routes.ts';
import { maskReporter, roomsFor, roomsOf, type Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { toAppError } from '../errors.ts';
import type { HeavyReads } from '../heavy-reads.ts';
import type { TokenBuckets } from '../token-buckets.ts';
import { findChangesSince } from './grievances-queries.ts';

type Io = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { principal: Principal }
>;

const ANONYMOUS: Principal = { kind: 'integration', name: 'anonymous' };

/** What bounds grievance:sync: a line shared with event lists, and a rate per user. */
export type SyncBounds = { heavyReads: HeavyReads; perUser: TokenBuckets };

/**
 * Socket handshake: a valid session token, else refused. Each socket joins the rooms its scope
 * allows (server-side: the client chooses nothing), and may ask for what it missed since a seq:
 * one sync at a time per socket, within its user's rate, in the server's line of heavy reads.
 */
export function attachGrievanceSocket(io: Io, db: Db, auth: AuthOptions, bounds: SyncBounds): void {
  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const principal =
      typeof token === 'string'
        ? await principalFromToken(db.priority, token, auth).catch(() => null)
        : null;
    if (!principal) return next(new Error('unauthorized'));
    socket.data.principal = principal;
    next();
  });

  io.on('connection', (socket) => {
    const p = socket.data.principal;
    if (p.kind === 'user') void socket.join(roomsFor(p.scope));
    let syncing = false;
    socket.on('grievance:sync', async (since, ack) => {
      if (typeof ack !== 'function') return;
      if (!Number.isInteger(since) || since < 0 || p.kind !== 'user') {
        return ack({
          error: { code: 'bad_request', message: 'since: expected a stream position ≥ 0' },
        });
      }
      if (syncing) {
        return ack({
          error: { code: 'rate_limited', message: 'A sync is already running on this socket' },
        });
      }
      const wait = bounds.perUser.take(p.username);
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
        ack({ data: { events: events.map((e) => maskReporter(ANONYMOUS, e)), head, more } });
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
 */
export function broadcastEvent(
  io: Io,
  event: GrievanceEvent,
  created: boolean,
  previous?: Pick<GrievanceEvent, 'gridCode' | 'communityCode' | 'streetCode'>,
): void {
  const masked = maskReporter(ANONYMOUS, event);
  const rooms = new Set([...roomsOf(event), ...(previous ? roomsOf(previous) : [])]);
  io.to([...rooms]).emit(created ? 'grievance:reported' : 'grievance:updated', masked);
}

export type GrievanceIo = Io;
