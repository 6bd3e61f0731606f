/**
 * Whether someone is speaking, from a stream of loudness readings (0–1 RMS), with hysteresis so the
 * indicator does not flicker between words: it lights at once when a reading reaches
 * SPEAKING_ON_LEVEL, stays lit while readings stay above the lower SPEAKING_OFF_LEVEL, and goes out
 * only after SPEAKING_RELEASE_MS of readings below it (or of no readings at all).
 */

/** About −34 dBFS: quiet speech after the browser's gain control; background noise stays well under it. */
export const SPEAKING_ON_LEVEL = 0.02;
/** About −40 dBFS: the pauses between words of someone still talking. */
export const SPEAKING_OFF_LEVEL = 0.01;
/** How long the level must stay low before the indicator goes out. */
export const SPEAKING_RELEASE_MS = 1_200;

export class SpeakingDetector {
  private on = false;
  private release: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly onChange: (speaking: boolean) => void,
    private readonly releaseMs = SPEAKING_RELEASE_MS,
  ) {}

  get speaking(): boolean {
    return this.on;
  }

  /** A new reading. A muted microphone should be passed as 0. */
  push(level: number): void {
    if (level >= SPEAKING_ON_LEVEL || (this.on && level >= SPEAKING_OFF_LEVEL)) {
      this.cancelRelease();
      this.release = setTimeout(() => this.set(false), this.releaseMs);
      this.set(true);
    }
    // Below the threshold: the pending release (if any) turns it off in time.
  }

  /** Turns the indicator off now (muted, disconnected). */
  reset(): void {
    this.cancelRelease();
    this.set(false);
  }

  close(): void {
    this.cancelRelease();
  }

  private cancelRelease(): void {
    clearTimeout(this.release);
    this.release = undefined;
  }

  private set(speaking: boolean): void {
    if (speaking === this.on) return;
    this.on = speaking;
    if (!speaking) this.cancelRelease();
    this.onChange(speaking);
  }
}
