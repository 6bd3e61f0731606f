import type { Page } from 'playwright-core';
import { remoteTile } from './ui.js';
import { pollUntil } from './wait.js';

/**
 * Media assertions: a remote tile counts only when its <video> decodes frames that keep coming,
 * not when the element merely exists.
 */

/** How long a remote video may take to show its first frames (ICE, DTLS, the first key frame). */
export const MEDIA_FLOW_TIMEOUT_MS = 30_000;
/** The window over which frames must advance. */
export const FRAME_SAMPLE_MS = 1_000;
/** Frames that must be decoded within one sample window. The fake camera sends 20–30 fps. */
export const MIN_FRAMES_PER_SAMPLE = 2;
/**
 * The picture must change over the window, not just the frame count: a disabled camera track
 * still sends frames, all black, and a frozen one repeats the same picture. Measured as the
 * largest change of any pixel of a small thumbnail (0–255, mean of the channels): exactly 0 for
 * a repeated picture; tens for Chromium's fake camera, whose pattern moves.
 */
export const MIN_PICTURE_CHANGE = 8;
/** Thumbnail size for the picture comparison. */
const THUMB_WIDTH = 64;
const THUMB_HEIGHT = 36;

export interface VideoSample {
  videoWidth: number;
  videoHeight: number;
  readyState: number;
  paused: boolean;
  /** `getVideoPlaybackQuality().totalVideoFrames` at the start and end of the window. */
  framesBefore: number;
  framesAfter: number;
  /** Frames presented during the window, counted with requestVideoFrameCallback. */
  presented: number;
  /** Largest change of one thumbnail pixel (0–255) between the start and the end of the window. */
  pictureChange: number;
  /** Mean brightness (0–255) of the last thumbnail; about 0 for a camera that is off. */
  brightness: number;
  /** `readyState` of the live video tracks in `srcObject`. */
  tracks: string[];
}

/**
 * Samples several <video> elements over one shared window of `windowMs`, inside the page.
 * Keys of the result are those of `selectors`; a missing element samples as `undefined`.
 */
export async function sampleVideos<K extends string>(
  page: Page,
  selectors: Record<K, string>,
  windowMs = FRAME_SAMPLE_MS,
): Promise<Record<K, VideoSample | undefined>> {
  return page.evaluate(
    async ({ selectors, windowMs, thumbWidth, thumbHeight }) => {
      const canvas = document.createElement('canvas');
      canvas.width = thumbWidth;
      canvas.height = thumbHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      const thumbnail = (video: HTMLVideoElement): Uint8ClampedArray | undefined => {
        if (!ctx || video.videoWidth === 0) return undefined;
        ctx.drawImage(video, 0, 0, thumbWidth, thumbHeight);
        return ctx.getImageData(0, 0, thumbWidth, thumbHeight).data;
      };
      let counting = true;
      const probes = Object.entries(selectors).map(([key, selector]) => {
        const video = document.querySelector(selector as string);
        if (!(video instanceof HTMLVideoElement)) return { key, video: undefined, framesBefore: 0, presented: 0, before: undefined };
        const probe = {
          key,
          video,
          framesBefore: video.getVideoPlaybackQuality().totalVideoFrames,
          presented: 0,
          before: thumbnail(video),
        };
        const onFrame = () => {
          probe.presented++;
          if (counting) video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
        return probe;
      });
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      counting = false;
      const result: Record<string, unknown> = {};
      for (const { key, video, framesBefore, presented, before } of probes) {
        if (!video) {
          result[key] = undefined;
          continue;
        }
        const after = thumbnail(video);
        // The largest change of any thumbnail pixel (mean of its three channels), and the mean brightness.
        let change = 0;
        let brightness = 0;
        if (after) {
          let sum = 0;
          for (let i = 0; i < after.length; i += 4) {
            let diff = 0;
            for (let c = 0; c < 3; c++) {
              sum += after[i + c]!;
              diff += before ? Math.abs(after[i + c]! - before[i + c]!) : 0;
            }
            change = Math.max(change, diff / 3);
          }
          brightness = sum / ((after.length / 4) * 3);
        }
        const stream = video.srcObject;
        result[key] = {
          videoWidth: video.videoWidth,
          videoHeight: video.videoHeight,
          readyState: video.readyState,
          paused: video.paused,
          framesBefore,
          framesAfter: video.getVideoPlaybackQuality().totalVideoFrames,
          presented,
          pictureChange: Math.round(change),
          brightness: Math.round(brightness),
          tracks:
            stream instanceof MediaStream
              ? stream.getVideoTracks().map((t) => `${t.readyState}${t.muted ? '/muted' : ''}`)
              : [],
        };
      }
      return result;
    },
    { selectors: selectors as Record<string, string>, windowMs, thumbWidth: THUMB_WIDTH, thumbHeight: THUMB_HEIGHT },
  ) as Promise<Record<K, VideoSample | undefined>>;
}

/** Decoded frames advanced, the video has a size, and the picture changed (a live camera, not black frames). */
export function framesAdvanced(sample: VideoSample): boolean {
  return (
    sample.videoWidth > 0 &&
    sample.framesAfter - sample.framesBefore >= MIN_FRAMES_PER_SAMPLE &&
    sample.pictureChange >= MIN_PICTURE_CHANGE
  );
}

function describe(sample: VideoSample | undefined): string {
  if (!sample) return 'no <video> in the tile';
  return JSON.stringify(sample);
}

/** The <video> of `peerName`'s tile, as seen by someone else. */
const remoteVideo = (peerName: string) => `${remoteTile.selector(peerName)} video`;

/**
 * Waits until `page` shows a remote tile for each of `peerNames` whose <video> has a known size
 * and decodes frames that advance within one FRAME_SAMPLE_MS window. All tiles are sampled in the
 * same window. Throws with the last samples otherwise.
 */
export async function expectFramesAdvancingFrom(
  page: Page,
  peerNames: readonly string[],
  timeoutMs = MEDIA_FLOW_TIMEOUT_MS,
): Promise<Record<string, VideoSample>> {
  const selectors = Object.fromEntries(peerNames.map((name) => [name, remoteVideo(name)]));
  let last: Record<string, VideoSample | undefined> = {};
  return pollUntil(
    async () => {
      last = await sampleVideos(page, selectors);
      const ok = peerNames.every((name) => {
        const sample = last[name];
        return sample !== undefined && framesAdvanced(sample);
      });
      return ok ? (last as Record<string, VideoSample>) : undefined;
    },
    { timeoutMs, what: `video frames from ${peerNames.map((n) => `"${n}"`).join(', ')} to advance` },
    () => peerNames.map((name) => `${name}: ${describe(last[name])}`).join('; '),
  );
}

/** Waits until `page` decodes advancing frames from `peerName`'s tile. */
export async function expectFramesAdvancing(page: Page, peerName: string, timeoutMs = MEDIA_FLOW_TIMEOUT_MS): Promise<VideoSample> {
  const samples = await expectFramesAdvancingFrom(page, [peerName], timeoutMs);
  return samples[peerName]!;
}

/** Waits until every person decodes advancing frames from every other person. The viewers are sampled in parallel. */
export async function expectMesh(people: readonly { name: string; page: Page }[], timeoutMs = MEDIA_FLOW_TIMEOUT_MS): Promise<void> {
  const results = await Promise.allSettled(
    people.map((viewer) =>
      expectFramesAdvancingFrom(
        viewer.page,
        people.filter((p) => p !== viewer).map((p) => p.name),
        timeoutMs,
      ),
    ),
  );
  const failures = results.flatMap((result, i) =>
    result.status === 'rejected' ? [`${people[i]!.name} does not see everyone: ${(result.reason as Error).message}`] : [],
  );
  if (failures.length > 0) throw new Error(failures.join('\n'));
}

/**
 * Waits until `peerName`'s picture on `page` stops changing over a sample window, as it does when
 * their camera is turned off (a disabled track sends unchanging black frames).
 */
export async function expectPictureStill(page: Page, peerName: string, timeoutMs = MEDIA_FLOW_TIMEOUT_MS): Promise<VideoSample> {
  let last: VideoSample | undefined;
  return pollUntil(
    async () => {
      last = (await sampleVideos(page, { peer: remoteVideo(peerName) })).peer;
      return last && last.pictureChange < MIN_PICTURE_CHANGE ? last : undefined;
    },
    { timeoutMs, what: `the picture from "${peerName}" to stop changing` },
    () => describe(last),
  );
}
