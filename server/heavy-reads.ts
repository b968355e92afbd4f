// Heavy reads (a grievance:sync page, an event list of up to 1,000) are few but each holds the
// database for a while: on the embedded engine the one connection, on PostgreSQL a pool slot. Left
// alone, a hundred dashboards resyncing at once queue a hundred of them ahead of everything else.
// Here they take turns, `max` at a time server-wide, so other queries (and the priority lane in
// db.ts) find the database between them.
import type { RequestHandler } from 'express';

/** At most `max` heavy reads at once; the others wait in line, first come first served. */
export class HeavyReads {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!(Number.isInteger(max) && max >= 1)) {
      throw new Error(`HeavyReads max must be an integer ≥ 1, got ${max}`);
    }
  }

  /** reads waiting for their turn */
  get pending(): number {
    return this.waiting.length;
  }

  /** Runs fn when a turn is free. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const leave = await this.enter();
    try {
      return await fn();
    } finally {
      leave();
    }
  }

  /** Express middleware: the rest of the request is one heavy read, until its response ends. */
  middleware(): RequestHandler {
    return (_req, res, next) => {
      let closed = false;
      let leave: (() => void) | undefined;
      res.once('close', () => {
        closed = true;
        leave?.();
      });
      void this.enter().then((turn) => {
        // a client that gave up while waiting passes its turn on at once
        if (closed) return turn();
        leave = turn;
        next();
      });
    };
  }

  private async enter(): Promise<() => void> {
    if (this.running >= this.max) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const next = this.waiting.shift();
      if (next)
        next(); // the turn passes on; running stays the same
      else this.running -= 1;
    };
  }
}
