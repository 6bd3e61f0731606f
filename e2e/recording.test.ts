import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing, expectMesh } from './harness/media.js';
import { enterWithDebugHandle, mixerView, playBack, startRecording, stopAndDownload, DOWNLOAD_TIMEOUT_MS, type MixerView } from './harness/recording.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { toolbarButton, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';
import { pollUntil, sleep } from './harness/wait.js';

/** Recording a call in the browser: the file, what it holds, and the indicator the others see. */

/** How long the call is recorded. */
const RECORD_MS = 3_000;
/** Time for the announcement to cross the data channel. */
const SHOW_TIMEOUT_MS = 5_000;
/** Time for a newcomer's tile to reach the recording once their video flows. */
const MIX_TIMEOUT_MS = 10_000;
/**
 * The recording shows the cameras, not dark tiles with initials, when this share of a frame is
 * picture: two tiles of the fake camera cover about half of it, initials and labels a few per cent.
 */
const MIN_PICTURE_SHARE = 0.1;
/** The decoded frames a file of RECORD_MS must hold at least: a sanity floor, far under the 25 fps drawn. */
const MIN_DECODED_FRAMES = 10;
/** A test with three people and a recording on the shared 2-core machine. */
const THREE_PEOPLE_TEST_TIMEOUT_MS = 180_000;

const browser = useBrowser();

describe('recording', () => {
  const { stage } = useServerAndStage(browser);

  test('a 2-person call recorded for at least 3 s downloads a playable file; the other sees the indicator only while it runs', async () => {
    const room = uniqueRoom('rec');
    const [ann, bob] = await stage.pair(room);
    const indicatorAtBob = bob.page.getByTestId('recording-indicator');
    expect(await indicatorAtBob.count()).toBe(0);

    await startRecording(ann.page);
    await indicatorAtBob.waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    expect(await indicatorAtBob.textContent()).toContain('ann is recording');
    await ann.page.getByTestId('recording-indicator').filter({ hasText: 'You are recording' }).waitFor({ timeout: SHOW_TIMEOUT_MS });

    await sleep(RECORD_MS);
    const { bytes, fileName } = await stopAndDownload(ann.page);
    expect(fileName).toMatch(new RegExp(`^confab-${room}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.webm$`));
    await indicatorAtBob.waitFor({ state: 'detached', timeout: SHOW_TIMEOUT_MS });
    expect(bytes.length).toBeGreaterThan(0);

    const played = await playBack(ann.page, bytes, 'video/webm');
    console.log(`recording: ${bytes.length} bytes, ${JSON.stringify(played)}`);
    expect(played.duration).toBeGreaterThan(RECORD_MS / 1000 - 1);
    expect([played.width, played.height]).toEqual([1280, 720]);
    expect(played.framesDecoded).toBeGreaterThan(MIN_DECODED_FRAMES);
    expect(played.audioBytes).toBeGreaterThan(0);
    expect(played.pictureShare).toBeGreaterThan(MIN_PICTURE_SHARE);

    // The call goes on.
    await expectFramesAdvancing(bob.page, 'ann');
    await expectFramesAdvancing(ann.page, 'bob');
  });

  test(
    'someone joining while a recording runs connects to everyone, the recorder included, is told who records, and is in the recording',
    async () => {
      const room = uniqueRoom('rec-late');
      // ?debug=1 at the recorder, to read what its mixer draws.
      const ann = await enterWithDebugHandle(stage, 'ann', room);
      const bob = await stage.enter('bob', room);
      await expectMesh([ann, bob].map((p) => ({ name: p.name, page: p.page })));

      await startRecording(ann.page);
      await bob.page.getByTestId('recording-indicator').filter({ hasText: 'ann is recording' }).waitFor({ timeout: SHOW_TIMEOUT_MS });

      const cy = await stage.enter('cy', room);
      await cy.page.getByTestId('recording-indicator').filter({ hasText: 'ann is recording' }).waitFor({ timeout: SHOW_TIMEOUT_MS });
      await expectMesh([ann, bob, cy].map((p) => ({ name: p.name, page: p.page })));

      let last: MixerView | undefined;
      const mixed = await pollUntil(
        async () => {
          last = await mixerView(ann.page);
          return last && last.tiles.some((tile) => tile.name === 'cy') ? last : undefined;
        },
        { timeoutMs: MIX_TIMEOUT_MS, what: "cy's tile in ann's recording" },
        () => JSON.stringify(last),
      );
      expect(mixed.tiles.map((tile) => tile.name)).toEqual(['ann', 'bob', 'cy']);

      await sleep(RECORD_MS);
      const drawn = (await mixerView(ann.page))?.framesDrawn;
      const { bytes } = await stopAndDownload(ann.page);
      await cy.page.getByTestId('recording-indicator').waitFor({ state: 'detached', timeout: SHOW_TIMEOUT_MS });
      const played = await playBack(ann.page, bytes, 'video/webm');
      console.log(`recording with a latecomer: ${bytes.length} bytes, ${drawn} frames drawn, ${JSON.stringify(played)}`);
      expect(played.framesDecoded).toBeGreaterThan(MIN_DECODED_FRAMES);
      expect(played.audioBytes).toBeGreaterThan(0);
      expect(played.pictureShare).toBeGreaterThan(MIN_PICTURE_SHARE);

      // The call goes on for the newcomer and the recorder.
      await expectFramesAdvancing(cy.page, 'ann');
      await expectFramesAdvancing(ann.page, 'cy');
    },
    THREE_PEOPLE_TEST_TIMEOUT_MS,
  );

  test('leaving while recording stops the recording and saves the file', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('rec-leave'));
    await startRecording(ann.page);
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
