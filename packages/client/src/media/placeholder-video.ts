/**
 * A blank (black) video track that a prepared connection sends before the click on Join, so that
 * the video encoder, the congestion controller and the other side's decoder are already running
 * when the camera replaces it (docs/join-latency.md, "warm encoder"). No picture leaves the device
 * before the click: every frame is black. It has the size of the camera that will replace it, so
 * the switch needs no new encoder configuration.
 *
 * Where the browser has `MediaStreamTrackGenerator` (Chromium), the frames are made from one black
 * I420 buffer: each new frame shares it, so a frame costs the page almost nothing. Elsewhere a black
 * canvas is captured; repainting and capturing a camera-sized canvas costs the page's main thread
 * 15–70 ms a frame where the canvas is drawn in software (measured in headless Chromium), time a
 * join needs for its own work, hence the generator first.
 *
 * One source per size, shared by every connection that sends it: each `acquire` adds a user, each
 * `release` removes one; the last release stops the track and the frames.
 */

/** Frames per second of the blank picture: enough to keep the encoder and the bitrate estimate going, cheap to encode. */
export const PLACEHOLDER_FPS = 15;

export interface PlaceholderVideo {
  readonly track: MediaStreamTrack;
  /** This user is done with it (safe to call twice). */
  release(): void;
}

interface Source {
  track: MediaStreamTrack;
  /** Stops making frames (the track itself is stopped apart). */
  stop(): void;
  users: number;
}

/** Chromium's generator of a track from frames written to it (not in TypeScript's DOM library). */
interface TrackGenerator extends MediaStreamTrack {
  readonly writable: WritableStream<VideoFrame>;
}
type TrackGeneratorConstructor = new (init: { kind: 'video' }) => TrackGenerator;

/** Black in 8-bit limited-range YUV: luma 16, both chroma planes 128. */
const BLACK_LUMA = 16;
const NEUTRAL_CHROMA = 128;

const sources = new Map<string, Source>();

/** A blank track of `width`×`height`, or undefined where the page cannot make one (no canvas capture). */
export function acquirePlaceholderVideo(width: number, height: number): PlaceholderVideo | undefined {
  const key = `${width}x${height}`;
  const source = sources.get(key) ?? createSource(width, height);
  if (!source) return undefined;
  sources.set(key, source);
  source.users++;
  let released = false;
  return {
    track: source.track,
    release() {
      if (released) return;
      released = true;
      if (--source.users > 0) return;
      source.stop();
      source.track.stop();
      sources.delete(key);
    },
  };
}

function createSource(width: number, height: number): Source | undefined {
  return createGeneratedSource(width, height) ?? createCanvasSource(width, height);
}

/** Frames written to a `MediaStreamTrackGenerator`, all sharing one black buffer. */
function createGeneratedSource(width: number, height: number): Source | undefined {
  const Generator = (globalThis as { MediaStreamTrackGenerator?: TrackGeneratorConstructor }).MediaStreamTrackGenerator;
  if (Generator === undefined || typeof VideoFrame === 'undefined') return undefined;
  const lumaSize = width * height;
  const data = new Uint8Array(lumaSize + 2 * Math.ceil(width / 2) * Math.ceil(height / 2));
  data.fill(BLACK_LUMA, 0, lumaSize);
  data.fill(NEUTRAL_CHROMA, lumaSize);
  const black = new VideoFrame(data, { format: 'I420', codedWidth: width, codedHeight: height, timestamp: 0 });
  const track = new Generator({ kind: 'video' });
  const writer = track.writable.getWriter();
  // The generator closes each frame written to it; a write after the track stopped just fails.
  const send = (): void => {
    writer.write(new VideoFrame(black, { timestamp: Math.round(performance.now() * 1000) })).catch(() => {});
  };
  send();
  const timer = setInterval(send, 1000 / PLACEHOLDER_FPS);
  return {
    track,
    stop() {
      clearInterval(timer);
      black.close();
    },
    users: 0,
  };
}

/** A black canvas, captured. */
function createCanvasSource(width: number, height: number): Source | undefined {
  if (typeof document === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  if (typeof canvas.captureStream !== 'function') return undefined;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { alpha: false });
  if (!context) return undefined;
  // A capture sends a frame only when the canvas was drawn on: paint it black at the frame rate.
  const paint = (): void => {
    context.fillStyle = '#000';
    context.fillRect(0, 0, width, height);
  };
  paint();
  const track = canvas.captureStream(PLACEHOLDER_FPS).getVideoTracks()[0];
  if (!track) return undefined;
  const timer = setInterval(paint, 1000 / PLACEHOLDER_FPS);
  return { track, stop: () => clearInterval(timer), users: 0 };
}
