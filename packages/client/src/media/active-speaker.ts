/**
 * Who gets the large tile in the speaker view: the loudest of the people speaking now. Once
 * someone has it, they keep it for at least ACTIVE_SPEAKER_HOLD_MS, and after that until another
 * person speaks clearly louder (ACTIVE_SPEAKER_SWITCH_RATIO) or they stop speaking, so the view
 * does not jump at every cough or crosstalk. When nobody speaks, the last speaker stays.
 */

export const ACTIVE_SPEAKER_HOLD_MS = 2_500;
/** A challenger must be this many times louder than a speaking active speaker to take over. */
export const ACTIVE_SPEAKER_SWITCH_RATIO = 1.5;
/** Weight of the newest reading in each person's smoothed loudness. */
const SMOOTHING = 0.5;

interface Voice {
  level: number;
  speaking: boolean;
}

export class ActiveSpeakerTracker {
  private readonly voices = new Map<string, Voice>();
  private current: string | undefined;
  private since = 0;

  constructor(
    private readonly onChange: (id: string | undefined) => void,
    private readonly holdMs = ACTIVE_SPEAKER_HOLD_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get active(): string | undefined {
    return this.current;
  }

  /** A loudness reading (0–1) of one person and whether their speaking indicator is lit. */
  update(id: string, level: number, speaking: boolean): void {
    const before = this.voices.get(id);
    const smoothed = before ? before.level * (1 - SMOOTHING) + level * SMOOTHING : level;
    this.voices.set(id, { level: smoothed, speaking });
    this.evaluate();
  }

  /** They left: someone else speaking takes over at once, or nobody. */
  remove(id: string): void {
    this.voices.delete(id);
    if (this.current !== id) return;
    this.current = undefined;
    const next = this.loudestSpeaking();
    if (next) this.switchTo(next);
    else this.onChange(undefined);
  }

  private loudestSpeaking(): string | undefined {
    let best: string | undefined;
    let bestLevel = -1;
    for (const [id, voice] of this.voices) {
      if (voice.speaking && voice.level > bestLevel) {
        best = id;
        bestLevel = voice.level;
      }
    }
    return best;
  }

  private evaluate(): void {
    const challenger = this.loudestSpeaking();
    if (challenger === undefined || challenger === this.current) return;
    if (this.current !== undefined) {
      if (this.now() - this.since < this.holdMs) return;
      const current = this.voices.get(this.current);
      const challengerLevel = this.voices.get(challenger)?.level ?? 0;
      if (current?.speaking && challengerLevel < current.level * ACTIVE_SPEAKER_SWITCH_RATIO) return;
    }
    this.switchTo(challenger);
  }

  private switchTo(id: string): void {
    this.current = id;
    this.since = this.now();
    this.onChange(id);
  }
}
