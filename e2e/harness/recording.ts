import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { Person } from './browser.js';
import type { Stage } from './stage.js';
import { joinButton, openLobby, selfTile, toolbarButton, UI_TIMEOUT_MS } from './ui.js';

/**
 * A local recording as the tests see it: started and stopped through the toolbar, the downloaded
 * file played back in Chromium, and, on a page opened with `?debug=1`, what the recorder's mixer
 * draws (`room.recording.current`: frames drawn, the tiles of the last frame).
 */

/** Time for the file to be handed over once the recording stops. */
export const DOWNLOAD_TIMEOUT_MS = 15_000;
/**
 * A pixel counts as part of a picture when one of its channels is above this (0–255): the fake
 * camera's green (0, 128, 0) and its lighter pattern do, the mixer's dark background and tiles
 * (#111418, #23272f) do not; white initials and name labels do, but cover a few per cent at most.
 */
const VIVID_LEVEL = 100;
/** Where in the file frames are sampled, as shares of its duration. */
const SAMPLE_AT = [0.25, 0.5, 0.75];

/**
 * A person who joins `room` with `?debug=1`, so the room is reachable as `window.__confab.room`.
 * `prepare` runs on the new person before the app loads (an init script).
 */
export async function enterWithDebugHandle(stage: Stage, name: string, room: string, prepare?: (person: Person) => Promise<void>): Promise<Person> {
  const person = await stage.person(name);
  await prepare?.(person);
  await openLobby(person.page, stage.url, room, name, '?debug=1');
  await joinButton(person.page).click({ timeout: UI_TIMEOUT_MS });
  await selfTile(person.page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  return person;
}

export const startRecording = (page: Page) => toolbarButton(page, 'Record the call').click({ timeout: UI_TIMEOUT_MS });

/** Clicks Stop and returns the downloaded file, with the name it was offered under. */
export async function stopAndDownload(page: Page): Promise<{ bytes: Buffer; fileName: string }> {
  const download = page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT_MS });
  await toolbarButton(page, 'Stop recording and save the file').click({ timeout: UI_TIMEOUT_MS });
  const file = await download;
  return { bytes: await readFile(await file.path()), fileName: file.suggestedFilename() };
}

export interface MixedTile {
  id: string;
  name: string;
  screen: boolean;
}

export interface MixerView {
  framesDrawn: number;
  tiles: MixedTile[];
}

/** What the recorder's mixer has drawn, through the debug handle; undefined when not recording. */
export async function mixerView(page: Page): Promise<MixerView | undefined> {
  return page.evaluate(() => {
    type Handle = { room: { recording: { current: { framesDrawn: number; tiles: readonly MixedTile[] } | null } } | null };
    const current = (globalThis as { __confab?: Handle }).__confab?.room?.recording.current;
    return current ? { framesDrawn: current.framesDrawn, tiles: current.tiles.map((t) => ({ ...t })) } : undefined;
  });
}

export interface Playback {
  duration: number;
  width: number;
  height: number;
  framesDecoded: number;
  audioBytes: number;
  /** The largest share of picture pixels (VIVID_LEVEL) in frames sampled at SAMPLE_AT of the duration. */
  pictureShare: number;
}

/**
 * Loads a recording into a `<video>` in `page` and plays it: its duration (MediaRecorder's WebM
 * has none in its header, so the video is first seeked past the end, as players do), its size,
 * the frames it decodes, the audio it decodes, and how much of a frame shows a picture (the
 * most of three frames sampled: one frame may catch the fake camera's pattern small).
 */
export async function playBack(page: Page, file: Buffer, mimeType: string): Promise<Playback> {
  return page.evaluate(
    async ({ base64, mimeType, vividLevel, sampleAt }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.src = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
      document.body.append(video);
      const once = (type: string) => new Promise<void>((resolve) => video.addEventListener(type, () => resolve(), { once: true }));
      await once('loadedmetadata');
      if (!Number.isFinite(video.duration)) {
        const known = once('durationchange');
        video.currentTime = 1e7;
        await known;
        while (!Number.isFinite(video.duration)) await once('durationchange');
      }
      const duration = video.duration;
      video.currentTime = 0;
      await once('seeked');
      await video.play();
      await once('ended');
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 90;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      let pictureShare = 0;
      for (const at of sampleAt) {
        video.currentTime = duration * at;
        await once('seeked');
        ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let vivid = 0;
        for (let i = 0; i < pixels.length; i += 4) if (Math.max(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) > vividLevel) vivid++;
        pictureShare = Math.max(pictureShare, vivid / (pixels.length / 4));
      }
      const quality = video.getVideoPlaybackQuality();
      const audio = (video as HTMLVideoElement & { webkitAudioDecodedByteCount?: number }).webkitAudioDecodedByteCount ?? 0;
      video.remove();
      return {
        duration,
        width: video.videoWidth,
        height: video.videoHeight,
        framesDecoded: quality.totalVideoFrames,
        audioBytes: audio,
        pictureShare,
      };
    },
    { base64: file.toString('base64'), mimeType, vividLevel: VIVID_LEVEL, sampleAt: SAMPLE_AT },
  );
}

