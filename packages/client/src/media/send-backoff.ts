import type { QualityLevel } from './quality.js';

/**
 * Back-off of one link: a `poor` grade that lasts BACKOFF_AFTER_MS adds a step (smaller copies, see
 * send-policy.ts); a `good` one that lasts RECOVER_AFTER_MS removes one. `fair` holds. Slow to
 * recover, quick to back off, so a link does not oscillate. Time comes with each reading.
 */

export const BACKOFF_AFTER_MS = 4_000;
export const RECOVER_AFTER_MS = 10_000;

export class SendBackoff {
  private current = 0;
  /** Since when the grade has been poor (or good), while it stays so. */
  private poorSince: number | undefined;
  private goodSince: number | undefined;

  constructor(private readonly maxStep: number) {}

  get step(): number {
    return this.current;
  }

  /** A grade of the link at time `now` (ms); returns the step, changed or not. */
  update(level: QualityLevel, now: number): number {
    if (level === 'poor') {
      this.goodSince = undefined;
      this.poorSince ??= now;
      if (now - this.poorSince >= BACKOFF_AFTER_MS && this.current < this.maxStep) {
        this.current++;
        this.poorSince = now;
      }
    } else if (level === 'good') {
      this.poorSince = undefined;
      this.goodSince ??= now;
      if (now - this.goodSince >= RECOVER_AFTER_MS && this.current > 0) {
        this.current--;
        this.goodSince = now;
      }
    } else {
      this.poorSince = undefined;
      this.goodSince = undefined;
    }
    return this.current;
  }
}
