import { SPEED_WINDOW_MS } from './constants.js';

/** Samples of the speed window are at least this far apart (the newest one excepted). */
const SAMPLE_GAP_MS = 50;

/** How far a transfer has got, as both sides see it. */
export interface TransferProgress {
  /** Bytes transferred so far: received, or sent and gone from the channel's buffer. */
  bytes: number;
  /** The file's size. */
  total: number;
  /** bytes / total, 0–1 (1 for an empty file). */
  fraction: number;
  /** Over the last SPEED_WINDOW_MS; 0 before there are two samples. */
  bytesPerSecond: number;
  /** At the current speed; null while the speed is unknown. */
  secondsRemaining: number | null;
}

/**
 * Speed and time remaining over a sliding window of (time, bytes) samples, so a stall shows as a
 * falling speed within seconds instead of being averaged away over the whole transfer.
 */
export class ProgressMeter {
  private samples: { at: number; bytes: number }[] = [];
  private current = 0;

  constructor(
    readonly total: number,
    private readonly now: () => number,
    private readonly windowMs = SPEED_WINDOW_MS,
  ) {}

  get bytes(): number {
    return this.current;
  }

  /** Records that `bytes` (a running total, never decreasing) have been transferred by now. */
  update(bytes: number): void {
    const at = this.now();
    this.current = Math.max(this.current, Math.min(bytes, this.total));
    // Called once per chunk: samples closer than SAMPLE_GAP_MS merge into the newest one, so the
    // window holds a few dozen samples however fast the chunks come.
    const newest = this.samples[this.samples.length - 1];
    const before = this.samples[this.samples.length - 2];
    if (newest && before && at - before.at < SAMPLE_GAP_MS) {
      newest.at = at;
      newest.bytes = this.current;
      return;
    }
    this.samples.push({ at, bytes: this.current });
    // Keep one sample older than the window, so the window is always fully covered.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  snapshot(): TransferProgress {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const elapsed = first && last ? last.at - first.at : 0;
    const bytesPerSecond = first && last && elapsed > 0 ? ((last.bytes - first.bytes) * 1000) / elapsed : 0;
    const left = this.total - this.current;
    return {
      bytes: this.current,
      total: this.total,
      fraction: this.total === 0 ? 1 : this.current / this.total,
      bytesPerSecond,
      secondsRemaining: left === 0 ? 0 : bytesPerSecond > 0 ? left / bytesPerSecond : null,
    };
  }
}
