import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing, framesAdvanced, MEDIA_FLOW_TIMEOUT_MS, sampleVideos, type VideoSample } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { joinButton, openLobby, selfTile, toolbarButton, UI_TIMEOUT_MS, uniqueRoom } from './harness/ui.js';
import { pollUntil } from './harness/wait.js';

/** Screen sharing through the toolbar, as the others see it (Chromium's fake UI picks a fake screen). */

/** Time for the share (or its end) to be announced, renegotiated and shown. */
const SHARE_CHANGE_TIMEOUT_MS = 10_000;

const screenTile = (page: Page, peerName: string) => page.locator(`[data-testid="screen-tile"][data-peer-name=${JSON.stringify(peerName)}]`);

/** Waits until `page` shows `peerName`'s screen as the large tile, decoding frames whose picture changes. */
async function expectScreenOnStage(page: Page, peerName: string): Promise<VideoSample> {
  const selector = `[data-testid="screen-tile"][data-stage="true"][data-peer-name=${JSON.stringify(peerName)}] video`;
  let last: VideoSample | undefined;
  return pollUntil(
    async () => {
      last = (await sampleVideos(page, { screen: selector })).screen;
      return last && framesAdvanced(last) ? last : undefined;
    },
    { timeoutMs: MEDIA_FLOW_TIMEOUT_MS, what: `${peerName}'s shared screen to play on the stage` },
    () => JSON.stringify(last),
  );
}

const shareScreen = (page: Page) => toolbarButton(page, 'Share screen').click({ timeout: UI_TIMEOUT_MS });
/** The toolbar's button; the "You are sharing" note above the stage has a Stop sharing button too. */
const stopSharing = (page: Page) =>
  page.getByRole('toolbar').getByRole('button', { name: 'Stop sharing', exact: true }).click({ timeout: UI_TIMEOUT_MS });

const browser = useBrowser();

describe('screen sharing', () => {
  const { stage } = useServerAndStage(browser);

  test('a shared screen becomes the large tile for the others, a newcomer sees it too, and Stop sharing removes it while the camera goes on', async () => {
    const room = uniqueRoom('share');
    const [ann, bob] = await stage.pair(room);

    await shareScreen(ann.page);
    await expectScreenOnStage(bob.page, 'ann');
    // The camera is a track of its own, still there beside the screen.
    await expectFramesAdvancing(bob.page, 'ann');
    await ann.page.getByTestId('presenting').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });

    const cy = await stage.enter('cy', room);
    await expectScreenOnStage(cy.page, 'ann');
    await expectFramesAdvancing(cy.page, 'ann');

    await stopSharing(ann.page);
    await screenTile(bob.page, 'ann').waitFor({ state: 'detached', timeout: SHARE_CHANGE_TIMEOUT_MS });
    await screenTile(cy.page, 'ann').waitFor({ state: 'detached', timeout: SHARE_CHANGE_TIMEOUT_MS });
    await expectFramesAdvancing(bob.page, 'ann');
    await expectFramesAdvancing(cy.page, 'ann');
    expect(await toolbarButton(ann.page, 'Share screen').isVisible()).toBe(true);
  });

  test('the browser ending the capture (its own "Stop sharing") ends the share for everyone', async () => {
    const room = uniqueRoom('share-ended');
    const ann = await stage.person('ann');
    // ?debug=1 exposes the room, to reach the capture track: Chromium's fake screen never ends by
    // itself, so the test fires the `ended` event the browser fires when the person stops it.
    await openLobby(ann.page, stage.url, room, 'ann', '?debug=1');
    await joinButton(ann.page).click({ timeout: UI_TIMEOUT_MS });
    await selfTile(ann.page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const bob = await stage.enter('bob', room);
    await expectFramesAdvancing(bob.page, 'ann');

    await shareScreen(ann.page);
    await expectScreenOnStage(bob.page, 'ann');

    await ann.page.evaluate(() => {
      const handle = (globalThis as { __confab?: { room: { screenShare: MediaStream | null } | null } }).__confab;
      const track = handle?.room?.screenShare?.getVideoTracks()[0];
      if (!track) throw new Error('not sharing');
      track.dispatchEvent(new Event('ended'));
    });
    await screenTile(bob.page, 'ann').waitFor({ state: 'detached', timeout: SHARE_CHANGE_TIMEOUT_MS });
    await toolbarButton(ann.page, 'Share screen').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    expect(await ann.page.getByTestId('presenting').count()).toBe(0);
    await expectFramesAdvancing(bob.page, 'ann');

    // Sharing again works after that.
    await shareScreen(ann.page);
    await expectScreenOnStage(bob.page, 'ann');
  });
});
