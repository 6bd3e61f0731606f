import { describeMediaError, type MediaProblem } from './media-errors.js';
import { captureMedia, stopStream, type CaptureKind } from './media-streams.js';
import { Observable } from './observable.js';

export type LocalMediaState =
  /** Not started: a cold lobby (`?cold=1`) starts the camera only when Join is clicked. */
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'ready'; stream: MediaStream }
  | { status: 'failed'; problem: MediaProblem }
  | { status: 'stopped' };

/**
 * The camera and microphone of the lobby. `start()` settles with the stream (or null when
 * capture failed) and returns the same promise every time, so Join can await it whether or not
 * capture has already finished.
 *
 * Whoever holds a LocalMedia stops it when done; `takeStream()` hands the stream to a new owner
 * (the call) so that stopping the LocalMedia leaves it running.
 */
export class LocalMedia extends Observable<LocalMediaState> {
  readonly #kind: CaptureKind;
  readonly #capture: typeof captureMedia;
  #ready: Promise<MediaStream | null> | null = null;
  #stream: MediaStream | null = null;
  #stopped = false;

  constructor(kind: CaptureKind = 'camera-and-microphone', capture: typeof captureMedia = captureMedia) {
    super({ status: 'idle' });
    this.#kind = kind;
    this.#capture = capture;
  }

  /** Starts capture, once. Resolves null when capture failed or this was stopped. */
  start(): Promise<MediaStream | null> {
    if (this.#ready) return this.#ready;
    if (this.#stopped) return Promise.resolve(null);
    this.set({ status: 'pending' });
    this.#ready = this.#capture(this.#kind).then(
      (stream) => {
        if (this.#stopped) {
          stopStream(stream);
          return null;
        }
        this.#stream = stream;
        this.set({ status: 'ready', stream });
        return stream;
      },
      (error: unknown) => {
        if (!this.#stopped) this.set({ status: 'failed', problem: describeMediaError(error) });
        return null;
      },
    );
    return this.#ready;
  }

  /** Gives the stream away: `stop()` will no longer end its tracks. */
  takeStream(): MediaStream | null {
    const stream = this.#stream;
    this.#stream = null;
    return stream;
  }

  /** Ends the tracks this LocalMedia still owns, now or as soon as capture finishes. Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    stopStream(this.#stream);
    this.#stream = null;
    this.set({ status: 'stopped' });
  }
}
