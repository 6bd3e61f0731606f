/** The least time the SDK waits for any frame after a ping before it declares the server gone. */
export const PONG_TIMEOUT_MS = 10_000;

export interface KeepaliveOptions {
  /** How often to ping: the server's `heartbeatMs` from `welcome`. */
  intervalMs: number;
  /** How long a ping may go unanswered; defaults to the larger of PONG_TIMEOUT_MS and two intervals. */
  timeoutMs?: number;
  ping: () => void;
  /** Called once when a ping went unanswered for `timeoutMs`. */
  onDead: () => void;
  now?: () => number;
}

/**
 * Sends an application `ping` every interval, so idle proxies and load balancers keep the socket
 * open, and notices a server that stopped answering. Any inbound frame counts as an answer
 * (`heard()`). A ping is only judged against frames since it was sent, so a throttled timer in a
 * background tab delays pings but never causes a false "dead".
 */
export class Keepalive {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastPingAt: number | undefined;
  private lastHeardAt = Number.NEGATIVE_INFINITY;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: KeepaliveOptions) {
    this.timeoutMs = options.timeoutMs ?? Math.max(PONG_TIMEOUT_MS, 2 * options.intervalMs);
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A frame arrived from the server. */
  heard(): void {
    this.lastHeardAt = this.now();
  }

  private tick(): void {
    const now = this.now();
    const awaitingAnswer = this.lastPingAt !== undefined && this.lastHeardAt < this.lastPingAt;
    if (awaitingAnswer) {
      if (now - (this.lastPingAt ?? now) >= this.timeoutMs) {
        this.stop();
        this.options.onDead();
      }
      return;
    }
    this.lastPingAt = now;
    this.options.ping();
  }
}
