// Timing of live batches for bench/wall.ts, off unless the bench sets window.__wallBench (the
// entries would otherwise pile up on a wall running for days). Three points per batch: it leaves
// the stream's buffer (start), deck.gl is about to draw it with its layers updated (update), and
// deck.gl has drawn it (drawn). start → update is the main-thread work of the batch; update →
// drawn is the draw, which software WebGL in a headless browser makes far slower than a GPU.

declare global {
  interface Window {
    /** set by bench/wall.ts */
    __wallBench?: boolean;
  }
}

const START = 'wall:batch-start';
const UPDATED = 'wall:batch-updated';

/** A batch leaves the stream's buffer. */
export function markBatchStart(): void {
  if (window.__wallBench && performance.getEntriesByName(START, 'mark').length === 0) {
    performance.mark(START);
  }
}

/** deck.gl's onBeforeRender: the pending batch's layers are updated. */
export function measureBatchUpdate(): void {
  if (!window.__wallBench) return;
  const [start] = performance.getEntriesByName(START, 'mark');
  if (!start) return;
  performance.measure('wall:batch-update', { start: start.startTime });
  performance.mark(UPDATED, { startTime: start.startTime });
  performance.clearMarks(START);
}

/** deck.gl's onAfterRender: the batch is on screen. */
export function measureBatchDrawn(): void {
  if (!window.__wallBench) return;
  const [updated] = performance.getEntriesByName(UPDATED, 'mark');
  if (!updated) return;
  performance.measure('wall:batch', { start: updated.startTime });
  performance.clearMarks(UPDATED);
}
