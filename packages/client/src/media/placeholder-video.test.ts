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
