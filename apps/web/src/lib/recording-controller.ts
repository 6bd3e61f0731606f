import { Observable } from './observable.js';

/** What the controller needs of a running recording (the SDK's RoomRecording). */
export interface RecordingLike {
  readonly fileName: string;
  readonly recording: boolean;
  stop(): Promise<Blob>;
  snapshot(): Blob;
  once(event: 'stopped', listener: (blob: Blob) => void): () => void;
}

/** What the controller needs of the room. */
export interface RecordableRoom {
  record(): RecordingLike;
}

export type RecordingStatus =
  | { state: 'idle' }
  | { state: 'recording' }
  | { state: 'saved'; fileName: string }
  | { state: 'failed'; reason: 'unsupported' | 'failed' };

/** Saves a file the way a download does. */
export type SaveFile = (blob: Blob, fileName: string) => void;

/**
 * Your own recording of the call, for the toolbar's Record button: starts it, stops it, and saves
 * the file whenever it stops (Stop, leaving the room, the room closing). A page being closed
 * saves what was recorded so far at once (`handlePageHide`), since it cannot wait for the last chunk.
 */
export class RecordingController extends Observable<RecordingStatus> {
  #current: RecordingLike | undefined;

  constructor(
    private readonly room: RecordableRoom,
    private readonly save: SaveFile,
  ) {
    super({ state: 'idle' });
  }

  get recording(): boolean {
    return this.#current?.recording === true;
  }

  start(): void {
    if (this.recording) return;
    let recording: RecordingLike;
    try {
      recording = this.room.record();
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      this.set({ state: 'failed', reason: code === 'RECORDING_UNSUPPORTED' ? 'unsupported' : 'failed' });
      return;
    }
    this.#current = recording;
    recording.once('stopped', (blob) => {
      if (this.#current !== recording) return;
      this.#current = undefined;
      this.save(blob, recording.fileName);
      this.set({ state: 'saved', fileName: recording.fileName });
    });
    this.set({ state: 'recording' });
  }

  /** Stops and saves. Resolves once the file is handed to `save`. */
  async stop(): Promise<void> {
    await this.#current?.stop();
  }

  toggle(): void {
    if (this.recording) void this.stop();
    else this.start();
  }

  /** The page is going away: save what there is now, and stop. */
  handlePageHide(): void {
    const recording = this.#current;
    if (!recording) return;
    this.#current = undefined;
    this.save(recording.snapshot(), recording.fileName);
    void recording.stop();
    this.set({ state: 'saved', fileName: recording.fileName });
  }
}
