// Child process: embedded PostgreSQL + PostGIS (PGlite, WASM) behind the Postgres wire protocol.
// PGlite runs synchronously and freezes its thread during a query, so it lives here, never on the
// HTTP server's event loop; the parent talks to it with `pg` over a unix socket (server/db.ts).
// The socket lives in DATA_DIR/socket/ (mode 0700, the socket itself 0600): PGlite asks for no
// password, so only our own user may reach it, and nothing listens on TCP.
//
// protocol with the parent (IPC): we send {type:'ready', socketDir} or {type:'failed', message};
// we stop (closing PGlite so the data directory is flushed) on {type:'stop'} or when the parent goes
// away; SIGINT and SIGTERM are the parent's to act on.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { withSyncFix } from './pglite-sync-fix.ts';

export type EmbeddedMessage =
  { type: 'ready'; socketDir: string } | { type: 'failed'; message: string };

// argv: the data directory, and optionally the pid of a dead predecessor whose lock we take over
const [dataDir, takeoverPid] = process.argv.slice(2);
if (!dataDir || !process.send) {
  console.error(
    'usage: forked by server/db.ts with the data directory (and a dead pid) as arguments',
  );
  process.exit(2);
}

const send = (m: EmbeddedMessage) => process.send?.(m);
const pgDir = path.join(dataDir, 'pgdata');
const lockFile = path.join(dataDir, 'embedded.pid');
const socketDir = path.join(dataDir, 'socket');
const socketPath = path.join(socketDir, '.s.PGSQL.5432'); // pg's name for <dir> + port 5432

try {
  fs.mkdirSync(dataDir, { recursive: true });
  claimDataDir();
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(socketDir, 0o700); // also when an older version created it
  fs.rmSync(socketPath, { force: true }); // a killed predecessor leaves its socket file; the lock is ours
  const db = await PGlite.create({ dataDir: pgDir, extensions: { postgis } });
  // one connection: server/db.ts never opens a second (see Gate there), and PGlite's socket server
  // would interleave the messages of two
  // withSyncFix: PGlite answers errors in the extended protocol as PostgreSQL does (see there)
  const server = new PGLiteSocketServer({
    db: withSyncFix(db),
    path: socketPath,
    maxConnections: 1,
  });
  const umask = process.umask(0o177); // the socket file is created 0600
  try {
    await server.start();
  } finally {
    process.umask(umask);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await db.close();
    fs.rmSync(lockFile, { force: true });
    fs.rmSync(socketPath, { force: true });
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => m?.type === 'stop' && void stop());
  process.on('disconnect', () => void stop());
  // Ctrl-C in a terminal (and systemd's stop) signals the whole process group at once: the parent
  // stops us in its own shutdown, after its last query, so the signal itself is not ours to act on
  // (acting on it made the parent see its database vanish and restart it while shutting down)
  process.on('SIGTERM', () => undefined);
  process.on('SIGINT', () => undefined);
  send({ type: 'ready', socketDir });
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

// two processes on one PGlite directory would corrupt it: refuse while a live one holds it. A
// restart passes the pid of the child it saw exit: that lock is ours even if the pid was reused.
function claimDataDir() {
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (pid && String(pid) !== takeoverPid && isAlive(pid)) {
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
