/**
 * What each sender sends to one peer in a mesh: in a mesh every peer connection encodes its own
 * copy of your camera, so both the uplink and the CPU are shared by the others. As the room grows
 * each copy gets smaller (the table below, documented in docs/media.md "Adaptive mesh"); on a link
 * whose quality stays poor, that copy backs off further (`backoff` steps) and recovers later.
 */

/** What goes into `RTCRtpSender.setParameters()` for `encodings[0]`. */
export interface SendEncoding {
  /** bit/s */
  maxBitrate: number;
  /** 1 = as captured. */
  scaleResolutionDownBy: number;
  maxFramerate: number;
}

export interface SendTarget {
  /** kbit/s for one copy. */
  kbps: number;
  /** Lines of picture sent (the capture is scaled down to this, never up). */
  height: number;
  fps: number;
}

/**
 * By room size (people, you included). Uplink budget: about 2 Mbit/s for all copies together,
 * what an ordinary home or office uplink sustains next to other traffic; encoder budget: about
 * 720p30 worth of pixels per second in total, what a laptop encodes in software without heating up.
 */
export const SEND_TABLE: ReadonlyArray<{ people: number } & SendTarget> = [
  { people: 2, kbps: 1_500, height: 720, fps: 30 },
  { people: 3, kbps: 900, height: 540, fps: 30 },
  { people: 4, kbps: 600, height: 360, fps: 24 },
  { people: 5, kbps: 450, height: 360, fps: 20 },
  { people: 6, kbps: 300, height: 270, fps: 15 },
];

/** Most back-off steps on one link. */
export const MAX_BACKOFF = 2;
/** Each back-off step multiplies the bitrate by this… */
export const BACKOFF_BITRATE_FACTOR = 0.6;
/** …and divides the height by this. */
export const BACKOFF_HEIGHT_DIVISOR = 1.5;
/** Never below these, whatever the room or the link. */
export const MIN_SEND_KBPS = 150;
export const MIN_SEND_HEIGHT = 180;
export const MIN_SEND_FPS = 10;
/** What the camera captures when the track does not say (the app asks for 720p). */
export const DEFAULT_SOURCE_HEIGHT = 720;

/** The target for one copy, by room size and back-off step. */
export function sendTarget(people: number, backoff = 0): SendTarget {
  const row = [...SEND_TABLE].reverse().find((r) => people >= r.people) ?? SEND_TABLE[0]!;
  const step = Math.max(0, Math.min(MAX_BACKOFF, Math.floor(backoff)));
  return {
    kbps: Math.max(MIN_SEND_KBPS, Math.round(row.kbps * BACKOFF_BITRATE_FACTOR ** step)),
    height: Math.max(MIN_SEND_HEIGHT, Math.round(row.height / BACKOFF_HEIGHT_DIVISOR ** step)),
    fps: step >= MAX_BACKOFF ? Math.max(MIN_SEND_FPS, Math.min(row.fps, 15)) : row.fps,
  };
}

/**
 * The encoding parameters for one copy: `sendTarget` turned into what the sender takes, the
 * scale computed from the height of the captured picture.
 */
export function sendEncoding(people: number, backoff = 0, sourceHeight = DEFAULT_SOURCE_HEIGHT): SendEncoding {
  const target = sendTarget(people, backoff);
  // Not rounded: 720 / 1.33 would send 541 lines instead of 540.
  const scale = sourceHeight > target.height ? sourceHeight / target.height : 1;
  return {
    maxBitrate: target.kbps * 1000,
    scaleResolutionDownBy: scale,
    maxFramerate: target.fps,
  };
}

export function sameEncoding(a: SendEncoding | undefined, b: SendEncoding | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.maxBitrate === b.maxBitrate &&
    a.scaleResolutionDownBy === b.scaleResolutionDownBy &&
    a.maxFramerate === b.maxFramerate
  );
}
