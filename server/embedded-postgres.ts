// Child process: embedded PostgreSQL + PostGIS (PGlite, WASM) behind the Postgres wire protocol.
// PGlite runs synchronously and freezes its thread during a query, so it lives here, never on the
// HTTP server's event loop; the parent talks to it with `pg` over loopback (server/db.ts).
//
// protocol with the parent (IPC): we send {type:'ready', port} or {type:'failed', message};
// we stop (closing PGlite so the data directory is flushed) on {type:'stop'}, SIGTERM or when the
// parent goes away.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type EmbeddedMessage = { type: 'ready'; port: number } | { type: 'failed'; message: string };

const dataDir = process.argv[2];
if (!dataDir || !process.send) {
  console.error('usage: forked by server/db.ts with the data directory as the only argument');
  process.exit(2);
}

const send = (m: EmbeddedMessage) => process.send?.(m);
const pgDir = path.join(dataDir, 'pgdata');
const lockFile = path.join(dataDir, 'embedded.pid');

try {
  fs.mkdirSync(dataDir, { recursive: true });
  claimDataDir();
  const db = await PGlite.create({ dataDir: pgDir, extensions: { postgis } });
  // maxConnections > 1 lets pool clients reconnect; server/db.ts still uses one at a time (see there)
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await db.close();
    fs.rmSync(lockFile, { force: true });
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => m?.type === 'stop' && void stop());
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  send({ type: 'ready', port });
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

// two processes on one PGlite directory would corrupt it: refuse while a live one holds it
function claimDataDir() {
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (pid && isAlive(pid)) {
      throw new Error(
        `DATA_DIR ${dataDir} is in use by process ${pid}; stop it or set another DATA_DIR`,
      );
    }
  }
  fs.writeFileSync(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
