import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing } from './harness/media.js';
import { enterWithDebugHandle, mixerView, playBack, startRecording, stopAndDownload, type MixerView } from './harness/recording.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { toolbarButton, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';
import { BACKGROUND_TIMER_MS, setVisibility, throttlePageTimers } from './harness/visibility.js';
import { pollUntil, sleep } from './harness/wait.js';

/**
 * A recording that goes on while its page is in the background, and a shared screen in the
 * recording. The recorder opens the room with `?debug=1`, to read what its mixer draws. The
 * background is emulated (harness/visibility.ts): the page told it is hidden, and its timers
 * slowed to once a second, so the frames drawn come mostly from the mix's audio clock.
 */

/** How long the recorder's page stays hidden. */
const HIDDEN_MS = 5_000;
/**
 * Frames the mixer must draw while hidden: a sanity floor that tells a clock that goes on from
 * one that stopped (which draws none), far under the 25 fps asked, since a frame takes up to a
 * second to draw on the busy 2-core machine. Not a timing bound: the rate reached (above the
 * once a second the slowed page timer alone would give, when the audio clock works) is logged
 * for docs/data-channels.md.
 */
const MIN_HIDDEN_FRAMES = 2;
const MIN_DECODED_FRAMES = 10;
/** How long the call is recorded with the screen shared. */
const RECORD_MS = 3_000;
/** Time for a share to be announced, renegotiated and reach the recording. */
const SHARE_TIMEOUT_MS = 15_000;

const browser = useBrowser();

describe('recording, beyond the grid', () => {
  const { stage } = useServerAndStage(browser);

  test('a recording whose page is hidden, its timers slowed as a background tab\'s, keeps drawing frames, and the file holds them', async () => {
    const room = uniqueRoom('rec-hidden');
    // The recorder's page timers run once a second at most, from the start, as in a background tab.
    const ann = await enterWithDebugHandle(stage, 'ann', room, throttlePageTimers);
    const bob = await stage.enter('bob', room);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');

    await startRecording(ann.page);
    await bob.page.getByTestId('recording-indicator').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const shown = await mixerView(ann.page);
    await sleep(HIDDEN_MS);
    const hiddenFrom = await mixerView(ann.page);
    await setVisibility(ann.page, 'hidden');
    await sleep(HIDDEN_MS);
    const hiddenTo = await mixerView(ann.page);
    await setVisibility(ann.page, 'visible');
    expect(shown && hiddenFrom && hiddenTo).toBeTruthy();
    const visibleFrames = hiddenFrom!.framesDrawn - shown!.framesDrawn;
    const hiddenFrames = hiddenTo!.framesDrawn - hiddenFrom!.framesDrawn;
    console.log(
      `frames drawn over ${HIDDEN_MS} ms with page timers at most every ${BACKGROUND_TIMER_MS} ms: ${visibleFrames} shown, ${hiddenFrames} hidden`,
    );
    expect(hiddenFrames).toBeGreaterThan(MIN_HIDDEN_FRAMES);

    const { bytes } = await stopAndDownload(ann.page);
    const played = await playBack(ann.page, bytes, 'video/webm');
    console.log(`recording half hidden: ${bytes.length} bytes, ${JSON.stringify(played)}`);
    expect(played.framesDecoded).toBeGreaterThan(MIN_DECODED_FRAMES);
  });

  test('a screen shared during a recording is in it, large, and leaves it when the share stops', async () => {
    const room = uniqueRoom('rec-screen');
    const ann = await enterWithDebugHandle(stage, 'ann', room);
    const bob = await stage.enter('bob', room);
    await expectFramesAdvancing(ann.page, 'bob');

    await startRecording(ann.page);
    await toolbarButton(bob.page, 'Share screen').click({ timeout: UI_TIMEOUT_MS });
    let last: MixerView | undefined;
    const withScreen = await pollUntil(
      async () => {
        last = await mixerView(ann.page);
        return last?.tiles[0]?.screen ? last : undefined;
      },
      { timeoutMs: SHARE_TIMEOUT_MS, what: "bob's screen in ann's recording" },
      () => JSON.stringify(last),
    );
    expect(withScreen.tiles.map(({ name, screen }) => ({ name, screen }))).toEqual([
      { name: 'bob', screen: true },
      { name: 'ann', screen: false },
      { name: 'bob', screen: false },
    ]);

    // Your own screen is in your recording too; the newest share is the large one.
    await toolbarButton(ann.page, 'Share screen').click({ timeout: UI_TIMEOUT_MS });
    await pollUntil(
      async () => {
        last = await mixerView(ann.page);
        return last?.tiles.filter((t) => t.screen).map((t) => t.name).join() === 'ann,bob' ? last : undefined;
      },
      { timeoutMs: SHARE_TIMEOUT_MS, what: "ann's own screen, large, in her recording" },
      () => JSON.stringify(last),
    );

    await sleep(RECORD_MS);
    await bob.page.getByRole('toolbar').getByRole('button', { name: 'Stop sharing', exact: true }).click({ timeout: UI_TIMEOUT_MS });
    await pollUntil(
      async () => {
        last = await mixerView(ann.page);
        return last?.tiles.filter((t) => t.screen).map((t) => t.name).join() === 'ann' ? last : undefined;
      },
      { timeoutMs: SHARE_TIMEOUT_MS, what: "bob's screen to leave ann's recording" },
      () => JSON.stringify(last),
    );

    const { bytes } = await stopAndDownload(ann.page);
    const played = await playBack(ann.page, bytes, 'video/webm');
    console.log(`recording with screens: ${bytes.length} bytes, ${JSON.stringify(played)}`);
    expect(played.framesDecoded).toBeGreaterThan(MIN_DECODED_FRAMES);
    await expectFramesAdvancing(bob.page, 'ann');
  });
});
