/**
 * A blank (black) video track that a prepared connection sends before the click on Join, so that
 * the video encoder, the congestion controller and the other side's decoder are already running
 * when the camera replaces it (docs/join-latency.md, "warm encoder"). No picture leaves the device
 * before the click: every frame is black. It has the size of the camera that will replace it, so
 * the switch needs no new encoder configuration.
 *
 * One canvas per size, shared by every connection that sends it: each `acquire` adds a user, each
 * `release` removes one; the last release stops the track and the painting.
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
  timer: ReturnType<typeof setInterval>;
  users: number;
}

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
      clearInterval(source.timer);
      source.track.stop();
      sources.delete(key);
    },
  };
}

function createSource(width: number, height: number): Source | undefined {
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
  return { track, timer: setInterval(paint, 1000 / PLACEHOLDER_FPS), users: 0 };
}
