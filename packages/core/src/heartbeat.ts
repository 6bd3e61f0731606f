/**
 * Liveness defaults. The SDK sends an application `ping` every HEARTBEAT_INTERVAL_MS (announced in
 * `welcome.heartbeatMs`); the server pings only a connection it has not heard from for
 * HEARTBEAT_TIMEOUT_MS − HEARTBEAT_PONG_WINDOW_MS (9 s), and drops one silent for
 * HEARTBEAT_TIMEOUT_MS. The sweep runs every HEARTBEAT_SWEEP_MS, so a dead connection is noticed
 * within HEARTBEAT_TIMEOUT_MS + HEARTBEAT_SWEEP_MS (14 s, under the 15 s the rooms issue asks for).
 */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TIMEOUT_MS = 13_500;
/** How long a pinged connection has (less one sweep) to answer before it is dropped. */
export const HEARTBEAT_PONG_WINDOW_MS = 4_500;
/** The longest time between two sweeps (shorter when the interval is). */
export const HEARTBEAT_SWEEP_MS = 500;

export interface HeartbeatOptions {
  /** The SDK's ping period; the server never pings a connection silent for less than this. */
  intervalMs?: number;
  /** Silence after which a connection is reported dead. */
  timeoutMs?: number;
  /** Called at a sweep for each connection silent long enough to be asked: the transport sends a ping. */
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
 * Tracks when each connection was last heard from and asks only the silent ones. The transport
 * calls `touch` on every frame and pong (or keeps the times itself: `forEachTracked`). A sweep,
 * several times per interval, pings each connection silent for `pingAfterMs` (a client that talks
 * on its own, as the SDK does every interval, is never pinged) and reports the ones silent past
 * the timeout. An idle connection is pinged about once per `pingAfterMs` rather than once per
 * interval: each ping and its pong is a write, a read and their garbage in the server.
 */
export class Heartbeat {
  private readonly lastSeen = new Map<string, number>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly timeoutMs: number;
  /** Silence after which a connection is pinged, at every sweep until it answers. */
  readonly pingAfterMs: number;
  readonly sweepMs: number;
  private readonly now: () => number;

  constructor(private readonly options: HeartbeatOptions) {
    const intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
    this.timeoutMs = options.timeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.sweepMs = Math.min(HEARTBEAT_SWEEP_MS, intervalMs);
    this.pingAfterMs = Math.max(intervalMs, this.timeoutMs - HEARTBEAT_PONG_WINDOW_MS);
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sweep(), this.sweepMs);
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
    const now = this.now();
    const deadline = now - this.timeoutMs;
    const askBefore = now - this.pingAfterMs;
    const { onDead, onPing } = this.options;
    const forEachTracked = this.options.forEachTracked;
    if (forEachTracked) {
      forEachTracked((connId, seen) => {
        if (seen < deadline) onDead(connId);
        else if (seen <= askBefore) onPing(connId);
      });
      return;
    }
    for (const [connId, seen] of this.lastSeen) {
      if (seen < deadline) {
        this.lastSeen.delete(connId);
        onDead(connId);
      } else if (seen <= askBefore) {
        onPing(connId);
      }
    }
  }
}
