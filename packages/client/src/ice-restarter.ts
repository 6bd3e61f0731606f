/** A connection `disconnected` for longer than this gets an ICE restart (Chrome goes `failed` only after ~30 s). */
export const ICE_DISCONNECTED_RESTART_MS = 3_000;
/** Least time between two ICE restarts of one connection, so a dead network is not hammered. */
export const ICE_RESTART_MIN_INTERVAL_MS = 5_000;

export interface IceRestarterOptions {
  /** Starts the restart: `pc.restartIce()`, after which negotiationneeded sends the offer. */
  restart: () => void;
  /** Whether a signal would reach the other side now; a restart waits until it would. */
  canSignal: () => boolean;
  disconnectedRestartMs?: number;
  minIntervalMs?: number;
  now?: () => number;
}

/**
 * Decides when one peer connection restarts ICE: at once when it goes `failed`, and when it has
 * been `disconnected` for ICE_DISCONNECTED_RESTART_MS (a network change, a NAT rebinding). The
 * restart needs a renegotiation, so while signaling is down it is held and done on
 * `handleSignalingUp()`. Transport-free: the session feeds it connection states.
 */
export class IceRestarter {
  private state: RTCPeerConnectionState = 'new';
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private spacingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastRestartAt = Number.NEGATIVE_INFINITY;
  private pending = false;
  private closed = false;
  private count = 0;
  private readonly disconnectedRestartMs: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: IceRestarterOptions) {
    this.disconnectedRestartMs = options.disconnectedRestartMs ?? ICE_DISCONNECTED_RESTART_MS;
    this.minIntervalMs = options.minIntervalMs ?? ICE_RESTART_MIN_INTERVAL_MS;
    this.now = options.now ?? Date.now;
  }

  /** How many restarts were started. */
  get restarts(): number {
    return this.count;
  }

  /** A restart is waiting for signaling to come back. */
  get waiting(): boolean {
    return this.pending;
  }

  onConnectionState(state: RTCPeerConnectionState): void {
    if (this.closed) return;
    this.state = state;
    switch (state) {
      case 'connected':
        this.pending = false;
        this.clearTimers();
        return;
      case 'failed':
        this.clearDisconnectedTimer();
        this.request();
        return;
      case 'disconnected':
        this.disconnectedTimer ??= setTimeout(() => {
          this.disconnectedTimer = undefined;
          if (this.state === 'disconnected') this.request();
        }, this.disconnectedRestartMs);
        return;
      case 'closed':
        this.close();
        return;
      default:
        // `new` and `connecting`: nothing to do; a restart in progress passes through `connecting`.
        this.clearDisconnectedTimer();
    }
  }

  /**
   * The page is back (from the background, after a network change): a connection that is
   * `failed`, or `disconnected` at all, restarts now rather than after the disconnected timer.
   */
  check(): void {
    if (this.closed) return;
    if (this.state === 'failed' || this.state === 'disconnected') {
      this.clearDisconnectedTimer();
      this.request();
    }
  }

  /** Signaling is back: a restart that was held goes now. */
  handleSignalingUp(): void {
    if (this.pending) this.request();
  }

  close(): void {
    this.closed = true;
    this.pending = false;
    this.clearTimers();
  }

  private request(): void {
    if (this.closed || this.spacingTimer) return;
    if (!this.options.canSignal()) {
      this.pending = true;
      return;
    }
    const wait = this.lastRestartAt + this.minIntervalMs - this.now();
    if (wait > 0) {
      this.spacingTimer = setTimeout(() => {
        this.spacingTimer = undefined;
        if (this.state === 'failed' || this.state === 'disconnected') this.request();
      }, wait);
      return;
    }
    this.pending = false;
    this.lastRestartAt = this.now();
    this.count += 1;
    this.options.restart();
  }

  private clearDisconnectedTimer(): void {
    clearTimeout(this.disconnectedTimer);
    this.disconnectedTimer = undefined;
  }

  private clearTimers(): void {
    this.clearDisconnectedTimer();
    clearTimeout(this.spacingTimer);
    this.spacingTimer = undefined;
  }
}
