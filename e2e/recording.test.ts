import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { toolbarButton, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';
import { pollUntil, sleep } from './harness/wait.js';

/** Recording a call in the browser: the file, what it holds, and the indicator the others see. */

/** How long the call is recorded. */
const RECORD_MS = 3_000;
/** Time for the announcement to cross the data channel, and for the file to be handed over. */
const SHOW_TIMEOUT_MS = 5_000;
const DOWNLOAD_TIMEOUT_MS = 15_000;
/** A recorded frame counts as a picture (not a black canvas) when this share of its pixels is bright. */
const MIN_BRIGHT_SHARE = 0.02;
const BRIGHT_LEVEL = 60;

const browser = useBrowser();

interface Playback {
  duration: number;
  width: number;
  height: number;
  framesDecoded: number;
  audioBytes: number;
  brightShare: number;
}

/**
 * Loads a recording into a `<video>` in `page` and plays it: its duration (MediaRecorder's WebM
 * has none in its header, so the video is first seeked past the end, as players do), its size,
 * the frames it decodes, the audio it decodes, and how much of a frame is not dark.
 */
async function playBack(page: Page, file: Buffer, mimeType: string): Promise<Playback> {
  return page.evaluate(
    async ({ base64, mimeType, brightLevel }) => {
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
      const ctx = canvas.getContext('2d')!;
      video.currentTime = duration / 2;
      await once('seeked');
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let bright = 0;
      for (let i = 0; i < pixels.length; i += 4) if ((pixels[i]! + pixels[i + 1]! + pixels[i + 2]!) / 3 > brightLevel) bright++;
      const quality = video.getVideoPlaybackQuality();
      const audio = (video as HTMLVideoElement & { webkitAudioDecodedByteCount?: number }).webkitAudioDecodedByteCount ?? 0;
      video.remove();
      return {
        duration,
        width: video.videoWidth,
        height: video.videoHeight,
        framesDecoded: quality.totalVideoFrames,
        audioBytes: audio,
        brightShare: bright / (pixels.length / 4),
      };
    },
    { base64: file.toString('base64'), mimeType, brightLevel: BRIGHT_LEVEL },
  );
}

describe('recording', () => {
  const { stage } = useServerAndStage(browser);

  test('a 2-person call recorded for at least 3 s downloads a playable file; the other sees the indicator only while it runs', async () => {
    const room = uniqueRoom('rec');
    const [ann, bob] = await stage.pair(room);
    const indicatorAtBob = bob.page.getByTestId('recording-indicator');
    expect(await indicatorAtBob.count()).toBe(0);

    await toolbarButton(ann.page, 'Record the call').click({ timeout: UI_TIMEOUT_MS });
    await indicatorAtBob.waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    expect(await indicatorAtBob.textContent()).toContain('ann is recording');
    await ann.page.getByTestId('recording-indicator').filter({ hasText: 'You are recording' }).waitFor({ timeout: SHOW_TIMEOUT_MS });

    await sleep(RECORD_MS);
    const download = ann.page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT_MS });
    await toolbarButton(ann.page, 'Stop recording and save the file').click({ timeout: UI_TIMEOUT_MS });
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^confab-${room}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.webm$`));
    await indicatorAtBob.waitFor({ state: 'detached', timeout: SHOW_TIMEOUT_MS });
    const bytes = await readFile(await file.path());
    expect(bytes.length).toBeGreaterThan(0);

    const played = await playBack(ann.page, bytes, 'video/webm');
    console.log(`recording: ${bytes.length} bytes, ${JSON.stringify(played)}`);
    expect(played.duration).toBeGreaterThan(RECORD_MS / 1000 - 1);
    expect([played.width, played.height]).toEqual([1280, 720]);
    expect(played.framesDecoded).toBeGreaterThan(10);
    expect(played.audioBytes).toBeGreaterThan(0);
    expect(played.brightShare).toBeGreaterThan(MIN_BRIGHT_SHARE);

    // The call goes on.
    await expectFramesAdvancing(bob.page, 'ann');
    await expectFramesAdvancing(ann.page, 'bob');
  });

  test('leaving while recording stops the recording and saves the file', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('rec-leave'));
    await toolbarButton(ann.page, 'Record the call').click({ timeout: UI_TIMEOUT_MS });
    await bob.page.getByTestId('recording-indicator').waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    await sleep(RECORD_MS / 2);
    const download = ann.page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT_MS });
    await toolbarButton(ann.page, 'Leave').click({ timeout: UI_TIMEOUT_MS });
    const bytes = await readFile(await (await download).path());
    expect(bytes.length).toBeGreaterThan(0);
    await pollUntil(async () => ((await bob.page.getByTestId('recording-indicator').count()) === 0 ? true : undefined), {
      timeoutMs: SHOW_TIMEOUT_MS * 2,
      what: 'the recording indicator to go at bob once ann left',
    });
  });
});
