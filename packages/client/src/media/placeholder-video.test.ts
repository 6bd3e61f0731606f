import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquirePlaceholderVideo, PLACEHOLDER_FPS } from './placeholder-video.js';

/** A canvas as the module uses it: its size, the black fills it gets, and the tracks it captured. */
class FakeCanvas {
  width = 0;
  height = 0;
  readonly fills: string[] = [];
  readonly tracks: { kind: string; stopped: boolean; stop(): void }[] = [];
  readonly captureRates: number[] = [];
  getContext() {
    const canvas = this;
    return {
      fillStyle: '',
      fillRect(this: { fillStyle: string }, x: number, y: number, w: number, h: number) {
        canvas.fills.push(`${this.fillStyle} ${x},${y} ${w}x${h}`);
      },
    };
  }
  captureStream(rate: number) {
    this.captureRates.push(rate);
    const track = { kind: 'video', stopped: false, stop() { this.stopped = true; } };
    this.tracks.push(track);
    return { getVideoTracks: () => [track] };
  }
}

let canvases: FakeCanvas[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  canvases = [];
  vi.stubGlobal('document', {
    createElement: (tag: string) => {
      expect(tag).toBe('canvas');
      const canvas = new FakeCanvas();
      canvases.push(canvas);
      return canvas;
    },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('acquirePlaceholderVideo', () => {
  it('captures a black canvas of the asked size and keeps painting it at its frame rate', () => {
    const placeholder = acquirePlaceholderVideo(1280, 720)!;
    expect(canvases).toHaveLength(1);
    expect([canvases[0]!.width, canvases[0]!.height]).toEqual([1280, 720]);
    expect(canvases[0]!.captureRates).toEqual([PLACEHOLDER_FPS]);
    expect(placeholder.track).toBe(canvases[0]!.tracks[0]);
    const painted = canvases[0]!.fills.length;
    vi.advanceTimersByTime(1000);
    expect(canvases[0]!.fills.length - painted).toBe(PLACEHOLDER_FPS);
    expect(new Set(canvases[0]!.fills)).toEqual(new Set(['#000 0,0 1280x720']));
    placeholder.release();
  });

  it('shares one canvas per size between users, and stops it with the last release only', () => {
    const a = acquirePlaceholderVideo(640, 480)!;
    const b = acquirePlaceholderVideo(640, 480)!;
    const other = acquirePlaceholderVideo(1280, 720)!;
    expect(canvases).toHaveLength(2);
    expect(b.track).toBe(a.track);
    a.release();
    a.release(); // twice: still one user gone
    expect(canvases[0]!.tracks[0]!.stopped).toBe(false);
    b.release();
    expect(canvases[0]!.tracks[0]!.stopped).toBe(true);
    const painted = canvases[0]!.fills.length;
    vi.advanceTimersByTime(1000);
    expect(canvases[0]!.fills.length).toBe(painted);
    // A new user after the last release gets a new canvas.
    const again = acquirePlaceholderVideo(640, 480)!;
    expect(canvases).toHaveLength(3);
    again.release();
    other.release();
  });

  it('is undefined where the page cannot capture a canvas', () => {
    vi.stubGlobal('document', { createElement: () => ({ getContext: () => null }) });
    expect(acquirePlaceholderVideo(640, 360)).toBeUndefined();
    vi.unstubAllGlobals();
    expect(acquirePlaceholderVideo(640, 360)).toBeUndefined();
  });
});

/** A VideoFrame as the module uses it: made from a buffer, or from another frame with a new timestamp. */
class FakeVideoFrame {
  static made: FakeVideoFrame[] = [];
  readonly data: Uint8Array;
  readonly init: { format?: string; codedWidth?: number; codedHeight?: number; timestamp: number };
  closed = false;
  constructor(source: Uint8Array | FakeVideoFrame, init: FakeVideoFrame['init']) {
    this.data = source instanceof FakeVideoFrame ? source.data : new Uint8Array(source);
    this.init = source instanceof FakeVideoFrame ? { ...source.init, ...init } : init;
    FakeVideoFrame.made.push(this);
  }
  close() {
    this.closed = true;
  }
}

/** A MediaStreamTrackGenerator: a track whose writable collects the frames written to it. */
class FakeGenerator {
  static made: FakeGenerator[] = [];
  readonly written: FakeVideoFrame[] = [];
  stopped = false;
  readonly writable = {
    getWriter: () => ({
      write: (frame: FakeVideoFrame) => {
        if (this.stopped) return Promise.reject(new Error('the track is stopped'));
        this.written.push(frame);
        return Promise.resolve();
      },
    }),
  };
  constructor(readonly init: { kind: string }) {
    FakeGenerator.made.push(this);
  }
  stop() {
    this.stopped = true;
  }
}

describe('acquirePlaceholderVideo where the browser generates tracks from frames', () => {
  beforeEach(() => {
    FakeVideoFrame.made = [];
    FakeGenerator.made = [];
    vi.stubGlobal('VideoFrame', FakeVideoFrame);
    vi.stubGlobal('MediaStreamTrackGenerator', FakeGenerator);
  });

  it('writes black frames of the asked size at its frame rate, all sharing one buffer, and no canvas', () => {
    const placeholder = acquirePlaceholderVideo(64, 36)!;
    expect(canvases).toHaveLength(0);
    const generator = FakeGenerator.made[0]!;
    expect(placeholder.track).toBe(generator);
    expect(generator.init).toEqual({ kind: 'video' });
    vi.advanceTimersByTime(1000);
    expect(generator.written.length).toBe(1 + PLACEHOLDER_FPS);
    const black = FakeVideoFrame.made[0]!;
    expect(black.init).toMatchObject({ format: 'I420', codedWidth: 64, codedHeight: 36 });
    // I420: 64×36 luma at 16, then two 32×18 chroma planes at 128: black.
    expect(black.data.length).toBe(64 * 36 + 2 * 32 * 18);
    expect(new Set(black.data.subarray(0, 64 * 36))).toEqual(new Set([16]));
    expect(new Set(black.data.subarray(64 * 36))).toEqual(new Set([128]));
    for (const frame of generator.written) expect(frame.data).toBe(black.data);
    const times = generator.written.map((f) => f.init.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    placeholder.release();
  });

  it('shares one generator per size, and stops it and its frames with the last release only', () => {
    const a = acquirePlaceholderVideo(320, 180)!;
    const b = acquirePlaceholderVideo(320, 180)!;
    expect(FakeGenerator.made).toHaveLength(1);
    expect(b.track).toBe(a.track);
    a.release();
    const generator = FakeGenerator.made[0]!;
    expect(generator.stopped).toBe(false);
    b.release();
    expect(generator.stopped).toBe(true);
    expect(FakeVideoFrame.made[0]!.closed).toBe(true);
    const written = generator.written.length;
    vi.advanceTimersByTime(1000);
    expect(generator.written.length).toBe(written);
  });
});
