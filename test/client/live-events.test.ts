import { describe, expect, it } from 'vitest';
import { LiveEventBuffer } from '../../client/features/wall/live-events.ts';
import { grievance } from './grievance-fixture.ts';

describe('LiveEventBuffer', () => {
  it('writes new events into fresh slots as binary attributes', () => {
    const buffer = new LiveEventBuffer(4);
    expect(buffer.upsert([grievance(1), grievance(2, { grade: 'L4' })])).toBe(true);
    const data = buffer.toLayerData();
    expect(data.length).toBe(2);
    expect([...data.attributes.getPosition.value]).toEqual([
      Math.fround(118.581),
      Math.fround(24.91),
      Math.fround(118.582),
      Math.fround(24.91),
    ]);
    expect([...data.attributes.getFillColor.value]).toEqual([56, 152, 236, 235, 239, 45, 56, 235]);
    expect([...data.attributes.getRadius.value]).toEqual([6, 9]);
    expect(buffer.version).toBe(1);
  });

  it('rewrites a newer version in its own slot and hides it once resolved', () => {
    const buffer = new LiveEventBuffer(4);
    buffer.upsert([grievance(1), grievance(2)]);
    buffer.upsert([grievance(1, { seq: 5, state: 'resolved' })]);
    expect(buffer.heldIds()).toEqual([1, 2]);
    expect([...buffer.toLayerData().attributes.getFillColor.value.subarray(0, 4)]).toEqual([
      56, 152, 236, 0,
    ]);
  });

  it('skips versions it already has (a replayed resync) and reports no change', () => {
    const buffer = new LiveEventBuffer(4);
    buffer.upsert([grievance(1, { seq: 5 })]);
    expect(buffer.upsert([grievance(1, { seq: 5 }), grievance(1, { seq: 3 })])).toBe(false);
    expect(buffer.version).toBe(1);
  });

  it('gives the oldest slot to a new event when full, and forgets the evicted one', () => {
    const buffer = new LiveEventBuffer(3);
    buffer.upsert([grievance(1), grievance(2), grievance(3)]);
    buffer.upsert([grievance(4)]);
    expect(buffer.length).toBe(3);
    expect(buffer.heldIds()).toEqual([2, 3, 4]);
    expect(buffer.has(1)).toBe(false);
    // the evicted event comes back as new, into the next oldest slot
    buffer.upsert([grievance(1)]);
    expect(buffer.heldIds()).toEqual([3, 4, 1]);
  });

  it('hands deck.gl new views of the same memory each time, so it re-uploads them', () => {
    const buffer = new LiveEventBuffer(4);
    buffer.upsert([grievance(1)]);
    const first = buffer.toLayerData().attributes.getPosition.value;
    buffer.upsert([grievance(2)]);
    const second = buffer.toLayerData().attributes.getPosition.value;
    expect(second).not.toBe(first);
    expect(second.buffer).toBe(first.buffer);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LiveEventBuffer(0)).toThrow('LiveEventBuffer capacity must be > 0, got 0');
  });
});
