import type { Db } from '../db.ts';
import { isRolledBack, unstorableInput, type AppError } from '../errors.ts';
import { reportEvents, type ReportItem, type ReportResult } from './grievances-intake-queries.ts';

type Waiting = {
  item: ReportItem;
  resolve: (r: ReportResult | AppError) => void;
  reject: (err: unknown) => void;
};

/**
 * Group commit for intake: requests that arrive while a transaction is committing wait and go
 * together in the next one (reportEvents takes a fixed number of statements per batch). Alone, a
 * request commits at once; under load, batches grow by themselves. Each caller is answered only
 * after its batch committed. If the batch's transaction fails in the database (so it was rolled
 * back: nothing of it is stored), each of its items is retried alone, so that one poisoned item
 * fails only its own caller; a failure with an unknown outcome (a lost connection) fails them all,
 * since a retry could store an event twice.
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

  /**
   * Several items at once (a batch request): queued together, so they share one transaction
   * unless that would exceed maxBatch. Each promise settles as submit's does.
   */
  submitAll(items: ReportItem[]): Promise<ReportResult | AppError>[] {
    const promises = items.map(
      (item) =>
        new Promise<ReportResult | AppError>((resolve, reject) => {
          this.pending.push({ item, resolve, reject });
        }),
    );
    if (!this.flushing) void this.flush();
    return promises;
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
        if (batch.length > 1 && isRolledBack(err)) await this.commitOneByOne(batch);
        else batch.forEach((w) => w.reject(unstorableInput(err) ?? err));
      }
    }
    this.flushing = false;
  }

  private async commitOneByOne(batch: Waiting[]) {
    for (const w of batch) {
      try {
        const [result] = await this.db.withTransaction((tx) => reportEvents(tx, [w.item]));
        w.resolve(result!);
      } catch (err) {
        w.reject(unstorableInput(err) ?? err);
      }
    }
  }
}
