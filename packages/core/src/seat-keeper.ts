import type { ServerMessage } from '@confab/protocol';

/** Messages held for one dropped peer at most; past this its seat is given up. */
export const RESUME_QUEUE_MAX = 256;

interface Parked {
  queue: ServerMessage[];
  timer: ReturnType<typeof setTimeout>;
  onExpire: () => void;
}

/**
 * Keeps the seats of peers whose connection dropped without a clean close: for the grace period
 * their connection id stays in the room, and whatever is delivered to it is queued, in order,
 * for the peer to collect when it resumes.
 */
export class SeatKeeper {
  private readonly parked = new Map<string, Parked>();

  /** Parks a dropped connection; `onExpire` runs if it is not reclaimed within `graceMs`. */
  park(connId: string, graceMs: number, onExpire: () => void): void {
    this.release(connId);
    const timer = setTimeout(() => {
      this.parked.delete(connId);
      onExpire();
    }, graceMs);
    (timer as { unref?: () => void }).unref?.();
    this.parked.set(connId, { queue: [], timer, onExpire });
  }

  isParked(connId: string): boolean {
    return this.parked.has(connId);
  }

  /** Queues a delivery for a parked connection; false if the connection is not parked. */
  hold(connId: string, msg: ServerMessage): boolean {
    const seat = this.parked.get(connId);
    if (!seat) return false;
    seat.queue.push(msg);
    if (seat.queue.length > RESUME_QUEUE_MAX) {
      this.release(connId);
      seat.onExpire();
    }
    return true;
  }

  /** Takes the queued messages of a parked connection and forgets it; undefined if not parked. */
  reclaim(connId: string): ServerMessage[] | undefined {
    const seat = this.parked.get(connId);
    if (!seat) return undefined;
    this.release(connId);
    return seat.queue;
  }

  get size(): number {
    return this.parked.size;
  }

  clear(): void {
    for (const connId of [...this.parked.keys()]) this.release(connId);
  }

  private release(connId: string): void {
    const seat = this.parked.get(connId);
    if (!seat) return;
    clearTimeout(seat.timer);
    this.parked.delete(connId);
  }
}
