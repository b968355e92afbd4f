import { describe, expect, it } from 'vitest';
import type { LoginResult } from '../../common/auth.ts';
import {
  clearSession,
  readSession,
  writeSession,
  type SessionStorageLike,
} from '../../client/lib/session.ts';

function memoryStorage(): SessionStorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

const SESSION: LoginResult = {
  token: 'abc.def',
  expiresAt: '2026-03-01T20:00:00.000Z',
  user: {
    id: 6,
    username: 'grid1',
    displayName: '网格员一',
    role: 'grid_manager',
    scope: { district: false, streets: [], communities: [], grids: ['350502004001001'] },
  },
};
const BEFORE = Date.parse('2026-03-01T19:59:59.000Z');
const AFTER = Date.parse('2026-03-01T20:00:00.000Z');

describe('the stored session', () => {
  it('reads back what was written until it expires', () => {
    const storage = memoryStorage();
    writeSession(storage, SESSION);
    expect(readSession(storage, BEFORE)).toEqual(SESSION);
    expect(readSession(storage, AFTER), 'expired at expiresAt').toBeNull();
  });

  it('is gone after clearSession', () => {
    const storage = memoryStorage();
    writeSession(storage, SESSION);
    clearSession(storage);
    expect(readSession(storage, BEFORE)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('ignores nothing stored, malformed JSON and objects of the wrong shape', () => {
    const storage = memoryStorage();
    expect(readSession(storage, BEFORE)).toBeNull();
    storage.setItem('licheng.session', '{not json');
    expect(readSession(storage, BEFORE)).toBeNull();
    storage.setItem('licheng.session', JSON.stringify({ token: 'x', expiresAt: 5 }));
    expect(readSession(storage, BEFORE)).toBeNull();
  });
});
