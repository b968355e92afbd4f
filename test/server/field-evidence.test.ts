import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, EventPhoto, GrievanceEvent } from '../../common/grievances.ts';
import { TINY_PNG, uploadPhoto } from '../helpers/photos.ts';
import {
  loginAs,
  pointInGrid,
  reportEvent,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.ts';

// Issue 16, the server side of field use: workflow actions with an Idempotency-Key (a phone's
// offline queue retries them) and photo evidence (size limit, sniffed type, scope).

let server: TestServer;
const tokens: Record<string, string> = {};
let gridOfGrid1: string;
let gridOfGrid2: string;

beforeAll(async () => {
  // a small upload limit, so the 413 needs no megabytes
  server = await startTestServer({ env: { PHOTO_MAX_BYTES: '20000' } });
  for (const u of ['grid1', 'grid2', 'district', 'operator', 'planner']) {
    tokens[u] = await loginAs(server, u);
  }
  gridOfGrid1 = await gridOf('grid1');
  gridOfGrid2 = await gridOf('grid2');
});
afterAll(async () => {
  await server?.close();
});

async function gridOf(username: string): Promise<string> {
  const [row] = await server.db.query<{ grid: string }>(
    'SELECT scope_grids[1] AS grid FROM users WHERE username = $1',
    [username],
  );
  return row!.grid;
}

async function eventInGrid(gridCode: string): Promise<GrievanceEvent> {
  return reportEvent(server, {
    description: '楼道堆放杂物（现场测试）',
    location: await pointInGrid(server.db, gridCode),
  });
}

async function act(
  user: string,
  id: number,
  body: Record<string, unknown>,
  key?: string,
): Promise<{ status: number; body: Record<string, unknown>; replayed: string | null }> {
  const res = await fetch(`${server.url}/api/events/${id}/actions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[user]}`,
      ...(key === undefined ? {} : { 'idempotency-key': key }),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    replayed: res.headers.get('idempotent-replayed'),
  };
}

async function auditOf(id: number): Promise<AuditEntry[]> {
  const res = await fetch(`${server.url}/api/events/${id}`, {
    headers: { authorization: `Bearer ${tokens.district}` },
  });
  return ((await res.json()) as { audit: AuditEntry[] }).audit;
}

describe('workflow actions with an Idempotency-Key', () => {
  it('applies the same key twice once and answers the same both times', async () => {
    const event = await eventInGrid(gridOfGrid1);
    const first = await act('grid1', event.id, { action: 'accept', note: '已到场' }, 'phone-k1');
    const again = await act('grid1', event.id, { action: 'accept', note: '已到场' }, 'phone-k1');
    expect(first.status).toBe(200);
    expect(first.body.state).toBe('accepted');
    expect(first.replayed).toBeNull();
    expect(again).toEqual({ status: 200, body: first.body, replayed: 'true' });
    expect((await auditOf(event.id)).map((a) => [a.action, a.actor, a.note])).toEqual([
      ['report', 'api:integration', 'hotline_12345'],
      ['accept', 'grid1', '已到场'],
    ]);
  });

  it('applies two sends of one key in flight at once only once', async () => {
    const event = await eventInGrid(gridOfGrid1);
    const answers = await Promise.all(
      [1, 2, 3].map(() => act('grid1', event.id, { action: 'accept' }, 'phone-k-race')),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.replayed === 'true')).toHaveLength(2);
    expect((await auditOf(event.id)).filter((a) => a.action === 'accept')).toHaveLength(1);
  });

  it('replays an escalation the caller may no longer act on, rather than refusing it', async () => {
    const event = await eventInGrid(gridOfGrid1);
    await act('grid1', event.id, { action: 'accept' });
    const first = await act('grid1', event.id, { action: 'escalate' }, 'phone-esc');
    expect(first.body.level).toBe('community');
    // the event is the community's now: without the key grid1 is refused, with it the answer is replayed
    expect((await act('grid1', event.id, { action: 'escalate' })).status).toBe(403);
    const again = await act('grid1', event.id, { action: 'escalate' }, 'phone-esc');
    expect(again).toEqual({ status: 200, body: first.body, replayed: 'true' });
  });

  it('refuses the key again with another action or event, naming the header', async () => {
    const event = await eventInGrid(gridOfGrid1);
    const other = await eventInGrid(gridOfGrid1);
    await act('grid1', event.id, { action: 'accept' }, 'phone-k2');
    const otherAction = await act('grid1', event.id, { action: 'return' }, 'phone-k2');
    const otherEvent = await act('grid1', other.id, { action: 'accept' }, 'phone-k2');
    for (const answer of [otherAction, otherEvent]) {
      expect(answer.status).toBe(409);
      expect(answer.body.error).toEqual({
        code: 'conflict',
        message: `Idempotency-Key: already used for another request (accept on event ${event.id})`,
        field: 'Idempotency-Key',
      });
    }
    expect((await auditOf(other.id)).map((a) => a.action)).toEqual(['report']);
  });

  it('keeps keys per caller: another user’s same key is a new request', async () => {
    const event = await eventInGrid(gridOfGrid1);
    await act('district', event.id, { action: 'accept' }, 'shared-key');
    const mine = await act(
      'grid1',
      event.id,
      { action: 'dispatch', assignee: '网格员一' },
      'shared-key',
    );
    expect([mine.status, mine.body.state, mine.replayed]).toEqual([200, 'dispatched', null]);
  });

  it('answers a conflict (the event moved on) with 409 and stores no key', async () => {
    const event = await eventInGrid(gridOfGrid1);
    await act('district', event.id, { action: 'accept' });
    const late = await act('grid1', event.id, { action: 'accept' }, 'phone-late');
    expect(late.status).toBe(409);
    expect((late.body.error as { field: string }).field).toBe('action');
    const [row] = await server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_action_keys WHERE idempotency_key = 'phone-late'`,
    );
    expect(row!.n).toBe(0);
  });

  it('refuses a malformed key with a 400 naming the header', async () => {
    const event = await eventInGrid(gridOfGrid1);
    for (const key of ['x'.repeat(129), 'has space']) {
      const answer = await act('grid1', event.id, { action: 'accept' }, key);
      expect(answer.status).toBe(400);
      expect((answer.body.error as { field: string }).field).toBe('Idempotency-Key');
    }
    expect((await auditOf(event.id)).map((a) => a.action)).toEqual(['report']);
  });
});

describe('photo evidence', () => {
  it('stores a photo under DATA_DIR/photos and serves it to readers of the event only', async () => {
    const event = await eventInGrid(gridOfGrid1);
    const res = await uploadPhoto(server, tokens.grid1!, event.id, TINY_PNG, {
      stage: 'resolve',
      filename: 'evidence.gif', // the name and declared type do not matter: the bytes do
      type: 'image/gif',
    });
    expect(res.status).toBe(201);
    const photo = (await res.json()) as EventPhoto;
    expect(photo).toMatchObject({
      eventId: event.id,
      stage: 'resolve',
      contentType: 'image/png',
      bytes: TINY_PNG.length,
      uploadedBy: 'grid1',
      url: `/api/events/${event.id}/photos/${photo.id}`,
    });
    const [row] = await server.db.query<{ key: string }>(
      'SELECT storage_key AS key FROM event_photos WHERE id = $1',
      [photo.id],
    );
    const file = path.join(server.config.photos.dir, row!.key);
    expect(server.config.photos.dir).toBe(path.join(server.config.dataDir, 'photos'));
    expect(fs.readFileSync(file).equals(TINY_PNG)).toBe(true);

    const get = (user?: string) =>
      fetch(server.url + photo.url, {
        headers: user ? { authorization: `Bearer ${tokens[user]}` } : {},
      });
    const mine = await get('grid1');
    expect([mine.status, mine.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await mine.arrayBuffer()).equals(TINY_PNG)).toBe(true);
    expect((await get('district')).status).toBe(200);
    expect((await get('grid2')).status).toBe(404); // another grid's event reads as absent
    expect((await get()).status).toBe(401);

    const list = await fetch(`${server.url}/api/events/${event.id}/photos`, {
      headers: { authorization: `Bearer ${tokens.grid1}` },
    });
    expect(await list.json()).toEqual([photo]);
    const outsider = await fetch(`${server.url}/api/events/${event.id}/photos`, {
      headers: { authorization: `Bearer ${tokens.grid2}` },
    });
    expect(outsider.status).toBe(404);
  });

  it('refuses an upload to another grid’s event (404) and from a reader who does not handle (403)', async () => {
    const event = await eventInGrid(gridOfGrid2);
    expect((await uploadPhoto(server, tokens.grid1!, event.id, TINY_PNG)).status).toBe(404);
    const byOperator = await uploadPhoto(server, tokens.operator!, event.id, TINY_PNG);
    expect(byOperator.status).toBe(403);
    expect(
      await server.db.query('SELECT id FROM event_photos WHERE event_id = $1', [event.id]),
    ).toEqual([]);
  });

  it('refuses what is not a JPEG, PNG or WebP with a 415 naming the field, whatever it is called', async () => {
    const event = await eventInGrid(gridOfGrid1);
    const gif = Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
    const cases: [Buffer, string][] = [
      [gif, 'image/gif'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'of no known type'],
      [Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'application/pdf'],
    ];
    for (const [bytes, what] of cases) {
      const res = await uploadPhoto(server, tokens.grid1!, event.id, bytes, {
        filename: 'photo.jpg',
        type: 'image/jpeg',
      });
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: unknown }).error).toEqual({
        code: 'unsupported_media_type',
        message: `photo: expected a JPEG, PNG or WebP image; the file is ${what}`,
        field: 'photo',
      });
    }
    expect(
      await server.db.query('SELECT id FROM event_photos WHERE event_id = $1', [event.id]),
    ).toEqual([]);
  });

  it('refuses a photo over PHOTO_MAX_BYTES with a 413 naming the limit', async () => {
    const event = await eventInGrid(gridOfGrid1);
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(20_001)]);
    const res = await uploadPhoto(server, tokens.grid1!, event.id, big);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: unknown }).error).toEqual({
      code: 'payload_too_large',
      message: 'photo: at most 20000 bytes (resize it on the device first)',
      field: 'photo',
    });
  });

  it('answers 400 naming the field for no file, another field or a bad stage', async () => {
    const event = await eventInGrid(gridOfGrid1);
    const noFile = await fetch(`${server.url}/api/events/${event.id}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.grid1}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const otherField = await uploadPhoto(server, tokens.grid1!, event.id, TINY_PNG, {
      field: 'picture',
    });
    const badStage = await uploadPhoto(server, tokens.grid1!, event.id, TINY_PNG, {
      stage: 'later',
    });
    const fields = [];
    for (const res of [noFile, otherField, badStage]) {
      expect(res.status).toBe(400);
      fields.push(((await res.json()) as { error: { field: string } }).error.field);
    }
    expect(fields).toEqual(['photo', 'picture', 'stage']);
  });
});
