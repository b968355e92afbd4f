import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';

// What the device keeps between pages and reloads (IndexedDB through idb-keyval): the actions and
// photos taken offline until they are sent, and the last queue seen. Each store is opened lazily,
// so importing this module touches no IndexedDB (tests, server-side tools).

const stores = new Map<string, UseStore>();
const storeOf = (name: 'outbox' | 'snapshots') => {
  let store = stores.get(name);
  if (!store) stores.set(name, (store = createStore(`licheng-${name}`, name)));
  return store;
};

/** Every item waiting in the outbox (actions and photos taken offline). */
export const readOutbox = <T>() => values<T>(storeOf('outbox'));
export const putOutbox = (key: string, item: unknown) => set(key, item, storeOf('outbox'));
export const deleteOutbox = (key: string) => del(key, storeOf('outbox'));

/** The last copy of something seen online (e.g. a user's queue), by key. */
export const readSnapshot = <T>(key: string) => get<T>(key, storeOf('snapshots'));
export const writeSnapshot = (key: string, value: unknown) => set(key, value, storeOf('snapshots'));

/**
 * A random key for one request (an Idempotency-Key): 128 bits, hex. getRandomValues, not
 * randomUUID, because a phone on the LAN over plain http is not a secure context.
 */
export function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
export const deleteSnapshot = (key: string) => del(key, storeOf('snapshots'));
