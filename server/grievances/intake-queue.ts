import type { Db } from '../db.ts';
import type { AppError } from '../errors.ts';
import { reportEvents, type ReportItem, type ReportResult } from './grievances-queries.ts';

type Waiting = {
  item: ReportItem;
  resolve: (r: ReportResult | AppError) => void;
  reject: (err: unknown) => void;
};

/**
 * Group commit for intake: requests that arrive while a transaction is committing wait and go
 * together in the next one (reportEvents takes a fixed number of statements per batch). Alone, a
 * request commits at once; under load, batches grow by themselves. Each caller is answered only
 * after its batch committed; if the transaction fails, every caller in it gets the error and
 * nothing of the batch is stored.
 */
export class IntakeQueue {
  private pending: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 500, // bounds one transaction's size and latency
  ) {}

  submit(item: ReportItem): Promise<ReportResult | AppError> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush() {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        const results = await this.db.withTransaction((tx) =>
          reportEvents(
            tx,
            batch.map((w) => w.item),
          ),
        );
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (err) {
        batch.forEach((w) => w.reject(err));
      }
    }
    this.flushing = false;
  }
}
