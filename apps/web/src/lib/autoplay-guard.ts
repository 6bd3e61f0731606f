import { Observable } from './observable.js';

/**
 * Plays remote videos with sound where the browser allows it. When it refuses autoplay with
 * sound (iOS Safari, or no user gesture yet), the video plays muted instead and the guard turns
 * `blocked`, so the room shows one "Tap to unmute" button; `unlock()`, called from that tap,
 * unmutes them all.
 */
export class AutoplayGuard extends Observable<boolean> {
  readonly #silenced = new Set<HTMLMediaElement>();

  constructor() {
    super(false);
  }

  async play(media: HTMLMediaElement): Promise<void> {
    try {
      await media.play();
    } catch (error) {
      if (!isAutoplayRefusal(error)) return; // AbortError: a newer load or pause replaced this play.
      media.muted = true;
      this.#silenced.add(media);
      this.set(true);
      await media.play().catch(() => {});
    }
  }

  /** Call when a media element goes away, so it is not unmuted later. */
  forget(media: HTMLMediaElement): void {
    this.#silenced.delete(media);
    this.set(this.#silenced.size > 0);
  }

  /** Unmutes every silenced element. Must run inside a user gesture (a click) to be allowed. */
  unlock(): void {
    const silenced = [...this.#silenced];
    this.#silenced.clear();
    this.set(false);
    for (const media of silenced) {
      media.muted = false;
      media.play().catch(() => {
        media.muted = true;
        this.#silenced.add(media);
        this.set(true);
        void media.play().catch(() => {});
      });
    }
  }
}

function isAutoplayRefusal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'NotAllowedError';
}
