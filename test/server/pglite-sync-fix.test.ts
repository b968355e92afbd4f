import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitMessages, withSyncFix } from '../../server/pglite-sync-fix.ts';

// The embedded engine's protocol, byte by byte, as a driver sees it: after an error in the
// extended protocol, exactly one ReadyForQuery, at Sync, as PostgreSQL answers (pglite #958).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'licheng-syncfix-'));
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');
const startup = () => {
  const body = Buffer.concat([
    cstr('user'),
    cstr('postgres'),
    cstr('database'),
    cstr('postgres'),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(8);
  head.writeInt32BE(body.length + 8, 0);
  head.writeInt32BE(196608, 4);
  return Buffer.concat([head, body]);
};
const parse = (sql: string) => message('P', Buffer.concat([cstr(''), cstr(sql), Buffer.alloc(2)]));
const bind = () => message('B', Buffer.concat([cstr(''), cstr(''), Buffer.alloc(6)]));
const execute = () => message('E', Buffer.concat([cstr(''), Buffer.alloc(4)]));
const sync = () => message('S', Buffer.alloc(0));
const query = (sql: string) => message('Q', cstr(sql));

/** A raw client: writes, then collects the backend's message types until `count` ReadyForQuery. */
async function session(served: PGlite, exchanges: Buffer[][]): Promise<string[][]> {
  const socketPath = path.join(dir, `s${Math.random().toString(36).slice(2)}`);
  const server = new PGLiteSocketServer({ db: served, path: socketPath, maxConnections: 1 });
  await server.start();
  const socket = net.connect(socketPath);
  let buffered = Buffer.alloc(0);
  let waiting: (() => void) | null = null;
  socket.on('data', (d) => {
    buffered = Buffer.concat([buffered, d]);
    waiting?.();
  });
  const answers: string[][] = [];
  try {
    for (const writes of [[startup()], ...exchanges]) {
      buffered = Buffer.alloc(0);
      socket.write(Buffer.concat(writes));
      // each exchange ends in one ReadyForQuery on PostgreSQL; wait a little for any extra one
      await new Promise<void>((resolve) => {
        const check = () => {
          if (splitMessages(buffered).some((m) => m[0] === 0x5a)) setTimeout(resolve, 150);
        };
        waiting = check;
        check();
      });
      answers.push(splitMessages(buffered).map((m) => String.fromCharCode(m[0]!)));
    }
  } finally {
    socket.destroy();
    await server.stop();
  }
  return answers.slice(1);
}

describe('the embedded engine’s extended protocol after an error', () => {
  const failingThenWorking = [
    [parse('SELECT syntax error'), bind(), execute(), sync()],
    [parse('SELECT 1'), bind(), execute(), sync()],
    [query('SELECT 2')],
  ];

  it('PGlite alone answers ReadyForQuery before Sync (the bug the wrapper exists for)', async () => {
    const [failing] = await session(db, failingThenWorking.slice(0, 1));
    expect(failing!.filter((t) => t === 'Z').length).toBeGreaterThan(1);
  });

  it('wrapped, it answers as PostgreSQL: error, one ReadyForQuery at Sync, then normal work', async () => {
    const answers = await session(withSyncFix(db), failingThenWorking);
    expect(answers).toEqual([
      ['E', 'Z'], // Bind and Execute discarded until Sync
      ['1', '2', 'D', 'C', 'Z'], // ParseComplete, BindComplete, DataRow, CommandComplete
      ['T', 'D', 'C', 'Z'],
    ]);
  });

  it('reports a failed transaction at Sync, and ROLLBACK clears it', async () => {
    const status = async (exchanges: Buffer[][]) => {
      const socketAnswers = await session(withSyncFix(db), exchanges);
      return socketAnswers.map((a) => a.join(''));
    };
    const answers = await status([
      [query('BEGIN')],
      [parse('SELECT 1/0'), bind(), execute(), sync()],
      [parse('SELECT 1'), bind(), execute(), sync()],
      [query('ROLLBACK')],
      [parse('SELECT 1'), bind(), execute(), sync()],
    ]);
    // 1/0 parses, then fails when bound (planned); in the failed transaction even Parse is refused
    expect(answers).toEqual(['CZ', '1EZ', 'EZ', 'CZ', '12DCZ']);
  });
});
