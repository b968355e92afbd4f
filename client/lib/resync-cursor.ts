import type { GrievanceEvent } from '../../common/grievances.ts';

/**
 * Where a live event stream resumes after a (re)connect, and whether it still has to.
 *
 * The position moves with the list and with each resync's `head`, never with live broadcasts: they
 * may arrive out of seq order (two requests broadcasting, two server processes), and a reconnect
 * between two of them would skip the earlier one. The server makes seqs visible in their order, so
 * the list and a resync's head are safe places to resume from.
 *
 * A resync runs once per connection, and only after the list has arrived (before it, the list
 * itself is the catch-up).
 * @example
 * const cursor = new ResyncCursor();
 * cursor.listed(events); cursor.connected();
 * const from = cursor.begin(true); // the highest seq of the list
 * cursor.end(await catchUp(socket, from, take)); // the position moves to the resync's head
 */
export class ResyncCursor {
  /** the stream position reached: the highest seq of the list, or the last resync's head */
  position = 0;
  private hasList = false;
  private synced = false;

  /** The list arrived: the position moves to its highest seq. */
  listed(events: readonly GrievanceEvent[]): void {
    for (const event of events) this.position = Math.max(this.position, event.seq);
    this.hasList = true;
  }

  /** A new connection: it has missed what happened while the socket was away. */
  connected(): void {
    this.synced = false;
  }

  /**
   * Starts this connection's resync if it is due.
   * @returns the position to resync from, or null when there is nothing to do (not connected, no
   * list yet, or this connection already resynced or is resyncing)
   */
  begin(connected: boolean): number | null {
    if (!connected || !this.hasList || this.synced) return null;
    this.synced = true;
    return this.position;
  }

  /** The resync ended at `head`, or failed (null): the next connection resyncs again. */
  end(head: number | null): void {
    if (head === null) this.synced = false;
    else this.position = Math.max(this.position, head);
  }
}
