// PGlite runs wire-protocol messages one at a time, and when an extended-protocol message fails it
// answers ErrorResponse *and* ReadyForQuery at once, before the client's Sync (electric-sql/pglite
// issue #958). PostgreSQL instead discards messages until Sync and answers ReadyForQuery only
// there. node-postgres then reads the extra ReadyForQuery as the answer to its next query and the
// connection is out of step ("Received unexpected commandComplete message from backend").
//
// withSyncFix wraps the PGlite instance that pglite-socket serves so that it speaks as PostgreSQL
// does: after an error in the extended protocol the premature ReadyForQuery is dropped and the
// messages up to Sync are discarded; Sync itself reaches PGlite, whose ReadyForQuery carries the
// true transaction status (idle, in a transaction, or failed). One connection at a time is served
// (embedded-postgres.ts), so one state suffices; a new startup message resets it.

/** What the wrapper needs of PGlite: the raw protocol, one message per call. */
export type RawProtocol = {
  execProtocolRawStream(
    message: Uint8Array,
    options: { onRawData: (data: Uint8Array) => void; syncToFs?: boolean },
  ): Promise<void>;
};

const PROTOCOL_V3 = 196608; // a startup message: int32 length, int32 version, no type byte
// extended-protocol messages other than Sync: Parse, Bind, Describe, Execute, Close, Flush
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);
const READY_FOR_QUERY = 'Z'.charCodeAt(0);
const ERROR_RESPONSE = 'E'.charCodeAt(0);

/**
 * The same object, with `execProtocolRawStream` answering as PostgreSQL does around errors in the
 * extended protocol (see file comment). Every other property is PGlite's own.
 */
export function withSyncFix<T extends object & RawProtocol>(db: T): T {
  let discarding = false;
  const exec: RawProtocol['execProtocolRawStream'] = async (message, options) => {
    const type = message[0]!;
    const startup = message.length >= 8 && readInt32(message, 4) === PROTOCOL_V3;
    if (startup || type === SYNC || !EXTENDED.has(type)) {
      if (startup || type === SYNC) discarding = false;
      return db.execProtocolRawStream(message, options);
    }
    if (discarding) return; // PostgreSQL discards extended messages after an error, until Sync
    const chunks: Uint8Array[] = [];
    await db.execProtocolRawStream(message, {
      ...options,
      onRawData: (data) => chunks.push(data.slice()),
    });
    const kept: Uint8Array[] = [];
    for (const reply of splitMessages(concat(chunks))) {
      if (reply[0] === ERROR_RESPONSE) discarding = true;
      if (reply[0] !== READY_FOR_QUERY) kept.push(reply); // only Sync is answered with it
    }
    if (kept.length > 0) options.onRawData(concat(kept));
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'execProtocolRawStream') return exec;
      const value: unknown = Reflect.get(target, property, target);
      // PGlite's methods use private fields: call them on the instance, not on the proxy
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** Backend messages: a type byte, an int32 length (counting itself), the body. */
export function splitMessages(data: Uint8Array): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let at = 0;
  while (at + 5 <= data.length) {
    const end = at + 1 + readInt32(data, at + 1);
    messages.push(data.subarray(at, Math.min(end, data.length)));
    at = end;
  }
  return messages;
}

function readInt32(data: Uint8Array, at: number): number {
  return new DataView(data.buffer, data.byteOffset + at, 4).getInt32(0);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
