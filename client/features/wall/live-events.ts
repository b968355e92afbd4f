import type { Grade, GrievanceEvent } from '../../../common/grievances.ts';
import { GRADE_COLORS } from '../../lib/theme.ts';

// The wall's live events as binary attribute data in a fixed-size ring: a new event takes the
// next slot (the oldest leaves when full), a new version of a known event rewrites its own slot.
// Memory is allocated once, so a wall running for days does not grow; a batch touches only its
// slots, and deck.gl uploads the typed arrays as they are (no accessor runs per point).

export const LIVE_CAPACITY = 5000; // points kept on the map; the oldest give way
const OPEN_ALPHA = 235;
const RADII: Record<Grade, number> = { L1: 6, L2: 7, L3: 8, L4: 9 }; // pixels, as the dispatch map

/** What a deck.gl layer takes as binary data: the row count and the attribute arrays. */
export type LiveEventData = {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
    getRadius: { value: Float32Array; size: 1 };
  };
};

export class LiveEventBuffer {
  readonly capacity: number;
  /** rows in use (grows to capacity, then stays) */
  length = 0;
  /** bumped by every change, for updateTriggers and memo keys */
  version = 0;
  private readonly positions: Float32Array;
  private readonly colors: Uint8Array;
  private readonly radii: Float32Array;
  private readonly ids: Float64Array; // slot → event id
  private readonly slots = new Map<number, number>(); // event id → slot
  private readonly seqs = new Map<number, number>(); // event id → the seq stored
  private next = 0;

  constructor(capacity = LIVE_CAPACITY) {
    if (!(capacity > 0)) throw new Error(`LiveEventBuffer capacity must be > 0, got ${capacity}`);
    this.capacity = capacity;
    this.positions = new Float32Array(capacity * 2);
    this.colors = new Uint8Array(capacity * 4);
    this.radii = new Float32Array(capacity);
    this.ids = new Float64Array(capacity);
  }

  /**
   * Writes a batch: new events into fresh slots, newer versions over their own slot; older or
   * equal versions (a replayed resync) are skipped. A resolved or closed event turns transparent.
   * @returns whether anything changed
   */
  upsert(events: readonly GrievanceEvent[]): boolean {
    let changed = false;
    for (const event of events) {
      const stored = this.seqs.get(event.id);
      if (stored !== undefined && stored >= event.seq) continue;
      let slot = this.slots.get(event.id);
      if (slot === undefined) {
        slot = this.next;
        this.next = (this.next + 1) % this.capacity;
        if (this.length < this.capacity) this.length += 1;
        else {
          const evicted = this.ids[slot]!;
          this.slots.delete(evicted);
          this.seqs.delete(evicted);
        }
        this.ids[slot] = event.id;
        this.slots.set(event.id, slot);
      }
      this.seqs.set(event.id, event.seq);
      this.write(slot, event);
      changed = true;
    }
    if (changed) this.version += 1;
    return changed;
  }

  /** Whether an event is held (in any state). */
  has(id: number): boolean {
    return this.slots.has(id);
  }

  /** The event ids held, oldest slot first (for tests and the console). */
  heldIds(): number[] {
    const start = this.length < this.capacity ? 0 : this.next;
    return Array.from({ length: this.length }, (_, i) => this.ids[(start + i) % this.capacity]!);
  }

  /**
   * The current rows as layer data. A new object over new views of the same memory each version,
   * since deck.gl skips an external buffer it has seen (by identity): the views make it re-upload.
   */
  toLayerData(): LiveEventData {
    const n = this.length;
    return {
      length: n,
      attributes: {
        getPosition: { value: this.positions.subarray(0, n * 2), size: 2 },
        getFillColor: { value: this.colors.subarray(0, n * 4), size: 4, normalized: true },
        getRadius: { value: this.radii.subarray(0, n), size: 1 },
      },
    };
  }

  private write(slot: number, event: GrievanceEvent) {
    const open = event.state !== 'resolved' && event.state !== 'closed';
    const [r, g, b] = GRADE_COLORS[event.grade];
    this.positions[slot * 2] = event.location[0];
    this.positions[slot * 2 + 1] = event.location[1];
    this.colors.set([r, g, b, open ? OPEN_ALPHA : 0], slot * 4);
    this.radii[slot] = RADII[event.grade];
  }
}
