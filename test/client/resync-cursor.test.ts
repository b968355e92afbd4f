import { describe, expect, it } from 'vitest';
import { ResyncCursor } from '../../client/lib/resync-cursor.ts';
import { grievance } from './grievance-fixture.ts';

describe('ResyncCursor', () => {
  it('resyncs once per connection, from the highest seq of the list', () => {
    const cursor = new ResyncCursor();
    cursor.connected();
    expect(cursor.begin(true), 'no list yet: the list is the catch-up').toBeNull();
    cursor.listed([grievance(1, { seq: 4 }), grievance(2, { seq: 9 }), grievance(3, { seq: 7 })]);
    expect(cursor.begin(false), 'not connected').toBeNull();
    expect(cursor.begin(true)).toBe(9);
    expect(cursor.begin(true), 'this connection is already resyncing').toBeNull();
  });

  it("moves to the resync's head, so the next connection resumes there", () => {
    const cursor = new ResyncCursor();
    cursor.listed([grievance(1, { seq: 9 })]);
    cursor.connected();
    expect(cursor.begin(true)).toBe(9);
    cursor.end(15);
    expect(cursor.position).toBe(15);
    cursor.connected(); // a reconnect
    expect(cursor.begin(true)).toBe(15);
  });

  it('resyncs again on the next connection after a failed resync, from where it was', () => {
    const cursor = new ResyncCursor();
    cursor.listed([grievance(1, { seq: 9 })]);
    cursor.connected();
    expect(cursor.begin(true)).toBe(9);
    cursor.end(null);
    expect(cursor.position).toBe(9);
    cursor.connected();
    expect(cursor.begin(true)).toBe(9);
  });

  it('never moves back: an older list or head leaves the position', () => {
    const cursor = new ResyncCursor();
    cursor.listed([grievance(1, { seq: 20 })]);
    cursor.connected();
    cursor.begin(true);
    cursor.end(12);
    cursor.listed([grievance(2, { seq: 3 })]); // a refetch for other filters
    expect(cursor.position).toBe(20);
  });
});
