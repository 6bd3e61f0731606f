/** Liveness defaults: a dead connection is noticed within HEARTBEAT_TIMEOUT_MS + HEARTBEAT_INTERVAL_MS (< 15 s). */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TIMEOUT_MS = 9_000;

export interface HeartbeatOptions {
  intervalMs?: number;
  timeoutMs?: number;
  /** Called each interval for each live connection: the transport sends a ping. */
  onPing: (connId: string) => void;
  /** Called once when a connection has been silent longer than the timeout. */
  onDead: (connId: string) => void;
  now?: () => number;
  /**
   * For a transport that already records when each of its connections was last heard from: the
   * sweep calls this, which calls `visit` once for each connection with its last-seen time, and
   * `touch` and `remove` are not needed (no write per frame, no second map of every connection).
   * A visitor rather than an iterable, so a sweep allocates nothing per connection (no tuple, no
   * iterator result). A connection reported dead must leave the transport's list, or it is
   * reported again at the next sweep.
   */
  forEachTracked?: (visit: (connId: string, lastSeen: number) => void) => void;
}

/**
 * Tracks when each connection was last heard from. The transport calls `touch` on every frame
 * and pong; a sweep every interval pings the live and reports the silent.
 */
export class Heartbeat {
  private readonly lastSeen = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HeartbeatOptions) {
    this.intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
    this.timeoutMs = options.timeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  touch(connId: string): void {
    this.lastSeen.set(connId, this.now());
  }

  remove(connId: string): void {
    this.lastSeen.delete(connId);
  }

  get size(): number {
    return this.lastSeen.size;
  }

  private sweep(): void {
    const deadline = this.now() - this.timeoutMs;
    const forEachTracked = this.options.forEachTracked;
    if (forEachTracked) {
      const { onDead, onPing } = this.options;
      forEachTracked((connId, seen) => {
        if (seen < deadline) onDead(connId);
        else onPing(connId);
      });
      return;
    }
    for (const [connId, seen] of this.lastSeen) {
      if (seen < deadline) {
        this.lastSeen.delete(connId);
        this.options.onDead(connId);
      } else {
        this.options.onPing(connId);
      }
    }
  }
}
