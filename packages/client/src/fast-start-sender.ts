import { availableOutgoingBitrate, endFastStart, FAST_START_MS, fastStartCanEnd, type StatsReportLike } from './fast-start.js';

/** What the fast start of one connection needs of its peer session. */
export interface FastStartHost {
  readonly remoteId: string;
  getStats(): Promise<StatsReportLike>;
  /** Whether the peer connection is `connected` now. */
  isConnected(): boolean;
  /** The camera goes out at its full size again; the owner may now set its encoding. */
  ended(): void;
}

/**
 * The fast start (fast-start.ts) of one peer connection's camera sender: the sender that goes out
 * small, the clock that starts when the connection comes up, and the end, once the bitrate
 * estimate carries the full size.
 */
export class FastStartSender {
  /** The camera's sender while its first second goes out small. */
  private current: RTCRtpSender | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the connection first came up (Date.now()), for the fast start's longest hold. */
  private connectedAt: number | undefined;
  private closed = false;

  constructor(private readonly host: FastStartHost) {}

  /** Whether a sender is going out small now (the owner leaves its encoding alone meanwhile). */
  get active(): boolean {
    return this.current !== undefined;
  }

  /** `sender` goes out small: its clock starts now if the connection is up, else when it comes up. */
  begin(sender: RTCRtpSender): void {
    this.current = sender;
    if (this.host.isConnected()) this.startTimer();
  }

  /** The connection came up: the clock of a sender going out small starts. */
  handleConnected(): void {
    if (this.current && this.timer === undefined) this.startTimer();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.current = undefined;
  }

  private startTimer(): void {
    this.connectedAt = Date.now();
    this.timer = setTimeout(() => void this.end(), FAST_START_MS);
  }

  /** The camera goes out at its full size again; the owner may now set its encoding. */
  private async end(): Promise<void> {
    const sender = this.current;
    if (this.closed || !sender) return;
    const bitrate = await this.host.getStats().then(availableOutgoingBitrate, () => undefined);
    if (this.closed) return;
    if (!fastStartCanEnd(bitrate, Date.now() - (this.connectedAt ?? 0))) {
      // Not yet: the estimate would not carry the full size. Asked again a little later.
      this.timer = setTimeout(() => void this.end(), FAST_START_MS);
      return;
    }
    try {
      await endFastStart(sender, sender.track ?? undefined);
    } catch (err) {
      if (!this.closed) console.warn(`[confab] could not end the fast start of the video to peer ${this.host.remoteId}:`, err);
    }
    if (this.closed) return;
    this.current = undefined;
    this.host.ended();
  }
}
