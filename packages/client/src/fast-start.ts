/**
 * A new connection's video starts small, then goes to full size.
 *
 * A video encoder starts at the congestion controller's start bitrate (300 kbit/s in Chromium).
 * For a 720p camera that is too little: WebRTC drops the first frames and scales the picture down
 * before it sends anything, which, measured in Chromium on loopback (bench/join.ts,
 * docs/join-latency.md), puts about 250 ms between "connected" and the first frame sent. Sent at
 * 360 lines from the start, the first frame leaves within a frame or two of "connected". Once
 * the connection is up, the sender goes back to full size as soon as the bitrate estimate can
 * carry it (asked of the encoder any earlier, WebRTC would drop frames and scale down again), or
 * after FAST_START_MAX_MS whatever it is; the adaptive mesh (media/room-media.ts) then applies its
 * own encoding.
 */

/** Lines of picture of a connection's first video frames. */
export const FAST_START_HEIGHT = 360;
/** How long after the connection is up the video stays at FAST_START_HEIGHT at least… */
export const FAST_START_MS = 1_000;
/** …and at most, whatever the bitrate estimate. */
export const FAST_START_MAX_MS = 10_000;
/** The outgoing bitrate estimate (bit/s) from which the full-size picture goes out. */
export const FULL_SIZE_BPS = 1_000_000;

/** A stats report as `getStats()` resolves it (a Map-like of stats objects). */
export interface StatsReportLike {
  forEach(callback: (stats: Record<string, unknown>) => void): void;
}

/**
 * The congestion controller's estimate of what can be sent (`availableOutgoingBitrate` of the
 * selected candidate pair), in bit/s; undefined before there is one.
 */
export function availableOutgoingBitrate(report: StatsReportLike): number | undefined {
  let selectedPairId: string | undefined;
  const pairs = new Map<string, Record<string, unknown>>();
  report.forEach((stats) => {
    if (stats.type === 'transport' && typeof stats.selectedCandidatePairId === 'string') selectedPairId = stats.selectedCandidatePairId;
    if (stats.type === 'candidate-pair' && typeof stats.id === 'string') pairs.set(stats.id, stats);
  });
  // Without a transport's pointer (Firefox), the nominated pair that works.
  const pair =
    (selectedPairId ? pairs.get(selectedPairId) : undefined) ??
    [...pairs.values()].find((p) => p.nominated === true && p.state === 'succeeded');
  const bitrate = pair?.availableOutgoingBitrate;
  return typeof bitrate === 'number' ? bitrate : undefined;
}

/** Whether the fast start may end: the estimate carries the full size, or it has lasted long enough. */
export function fastStartCanEnd(bitrate: number | undefined, sinceConnectedMs: number): boolean {
  return sinceConnectedMs >= FAST_START_MAX_MS || (bitrate !== undefined && bitrate >= FULL_SIZE_BPS);
}

/** The `scaleResolutionDownBy` that brings `track` to FAST_START_HEIGHT, or undefined when it is small already. */
export function fastStartScale(track: MediaStreamTrack | undefined): number | undefined {
  // Only a track that reports its size (every browser's does) gets scaled.
  const height = typeof track?.getSettings === 'function' ? track.getSettings().height : undefined;
  if (height === undefined || height <= FAST_START_HEIGHT) return undefined;
  return height / FAST_START_HEIGHT;
}

/** The encoding a new video transceiver starts with (`addTransceiver`'s `sendEncodings`), if any. */
export function fastStartEncodings(track: MediaStreamTrack | undefined): RTCRtpEncodingParameters[] | undefined {
  const scale = fastStartScale(track);
  return scale === undefined ? undefined : [{ scaleResolutionDownBy: scale }];
}

type Sender = Pick<RTCRtpSender, 'getParameters' | 'setParameters'>;

/** Sets the fast-start scale on a sender that exists already (the answerer's). False when not needed or not possible. */
export async function startSmall(sender: Sender, track: MediaStreamTrack | undefined): Promise<boolean> {
  const scale = fastStartScale(track);
  if (scale === undefined || typeof sender.getParameters !== 'function') return false;
  const params = sender.getParameters();
  const [first, ...rest] = params.encodings ?? [];
  if (!first) return false;
  params.encodings = [{ ...first, scaleResolutionDownBy: scale }, ...rest];
  await sender.setParameters(params);
  return true;
}

/**
 * Back to full size: `scaleResolutionDownBy` 1, unless something else changed the encoding since
 * (then that stays). Resolves whether it changed anything.
 */
export async function endFastStart(sender: Sender, track: MediaStreamTrack | undefined): Promise<boolean> {
  const scale = fastStartScale(track);
  if (scale === undefined || typeof sender.getParameters !== 'function') return false;
  const params = sender.getParameters();
  const [first, ...rest] = params.encodings ?? [];
  if (!first || first.scaleResolutionDownBy !== scale) return false;
  params.encodings = [{ ...first, scaleResolutionDownBy: 1 }, ...rest];
  await sender.setParameters(params);
  return true;
}

/** Takes any scaling off a sender's first encoding (a prepared sender set for a larger camera). */
export async function resetScale(sender: Sender): Promise<void> {
  if (typeof sender.getParameters !== 'function') return;
  const params = sender.getParameters();
  const [first, ...rest] = params.encodings ?? [];
  if (!first || first.scaleResolutionDownBy === undefined || first.scaleResolutionDownBy === 1) return;
  params.encodings = [{ ...first, scaleResolutionDownBy: 1 }, ...rest];
  await sender.setParameters(params);
}
