/** MediaRecorder hands over what it has recorded this often, so a page that goes away keeps all but the last second. */
export const RECORDING_TIMESLICE_MS = 1_000;

export type StreamRecorderState = 'recording' | 'stopped';

/**
 * MediaRecorder over one stream, collecting its chunks. `stop()` resolves with the whole file;
 * `snapshot()` gives what was recorded so far at once (for a page being closed, where there is
 * no time to wait for the recorder's last chunk).
 */
export class StreamRecorder {
  private readonly recorder: MediaRecorder;
  private readonly chunks: Blob[] = [];
  private stopping: Promise<Blob> | undefined;
  private current: StreamRecorderState = 'recording';

  constructor(
    stream: MediaStream,
    readonly mimeType: string,
  ) {
    this.recorder = new MediaRecorder(stream, { mimeType });
    this.recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size > 0) this.chunks.push(event.data);
    });
    this.recorder.start(RECORDING_TIMESLICE_MS);
  }

  get state(): StreamRecorderState {
    return this.current;
  }

  /** Bytes recorded so far (handed over by the recorder). */
  get size(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.size, 0);
  }

  /** What was recorded until the last timeslice, as a file. */
  snapshot(): Blob {
    return new Blob(this.chunks, { type: this.mimeType });
  }

  /** Stops recording; resolves with the whole file once the recorder has handed over its last chunk. Idempotent. */
  stop(): Promise<Blob> {
    this.stopping ??= new Promise<Blob>((resolve) => {
      this.current = 'stopped';
      if (this.recorder.state === 'inactive') {
        resolve(this.snapshot());
        return;
      }
      // `stop` fires after the last `dataavailable`.
      this.recorder.addEventListener('stop', () => resolve(this.snapshot()), { once: true });
      try {
        this.recorder.stop();
      } catch {
        resolve(this.snapshot());
      }
    });
    return this.stopping;
  }
}
