import type { StatsLike } from './route.js';

/** After a rollback, how long incoming RTP may stand still before the connection counts as broken. */
export const RECEIVE_STALL_CHECK_MS = 2_000;

/** RTP packets received so far over every incoming stream of a stats report. */
export function inboundPackets(report: StatsLike): number {
  let total = 0;
  for (const value of report.values()) {
    const stat = value as { type?: unknown; packetsReceived?: unknown };
    if (stat.type === 'inbound-rtp' && typeof stat.packetsReceived === 'number') total += stat.packetsReceived;
  }
  return total;
}

export interface ReceiveWatchOptions {
  getStats: () => Promise<StatsLike>;
  /** Whether media should be arriving now (connected, and the other side sends). */
  expectsMedia: () => boolean;
  /** Incoming RTP stood still for RECEIVE_STALL_CHECK_MS although media was expected. */
  onStalled: () => void;
  checkMs?: number;
}

/**
 * Checks, once, that incoming RTP still flows after a rollback. In Chromium a rollback on a
 * connection that carries media can leave it receiving nothing (see polite-offer.ts); the RTP
 * counters of the incoming streams then stop. The owner rebuilds such a connection.
 */
export class ReceiveWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: ReceiveWatchOptions) {}

  /** Starts a check (one at a time); a later call while one runs is ignored. */
  check(): void {
    if (this.closed || this.timer) return;
    void this.options.getStats().then(
      (before) => {
        if (this.closed) return;
        const start = inboundPackets(before);
        this.timer = setTimeout(() => void this.finish(start), this.options.checkMs ?? RECEIVE_STALL_CHECK_MS);
      },
      () => {},
    );
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async finish(start: number): Promise<void> {
    try {
      const after = inboundPackets(await this.options.getStats());
      if (!this.closed && after <= start && this.options.expectsMedia()) this.options.onStalled();
    } catch {
      // No stats from a closed connection: nothing to heal.
    } finally {
      this.timer = undefined;
    }
  }
}
