import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { remoteTiles, statusText, uniqueRoom } from './harness/ui.js';
import { setVisibility } from './harness/visibility.js';
import { sleep } from './harness/wait.js';

/**
 * A call put in the background, as a phone does it: the page hidden, its videos paused and its
 * network gone for a while, then the page shown again. Headless Chromium keeps every page
 * visible (minimizing does not hide it, and Page.setWebLifecycleState does not freeze a visible
 * page), so the hiding is emulated in the page: `document.visibilityState` and the
 * `visibilitychange` event, with the pauses a mobile browser makes. The network loss is real.
 */

/** How long the page stays in the background, offline. */
const BACKGROUND_MS = 5_000;
const BACK_TIMEOUT_MS = 20_000;

const browser = useBrowser();

describe('coming back from the background', () => {
  const { stage } = useServerAndStage(browser);

  test('a page hidden with its videos paused and its network gone sees and is seen again when shown, in the same call', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('background'));
    const annId = await ann.page.locator('[data-testid="tile"][data-self="true"]').getAttribute('data-peer-id');

    await setVisibility(ann.page, 'hidden');
    await ann.context.setOffline(true);
    expect(await ann.page.evaluate(() => [...document.querySelectorAll('video')].every((v) => v.paused))).toBe(true);
    await sleep(BACKGROUND_MS);
    await ann.context.setOffline(false);
    await setVisibility(ann.page, 'visible');

    await expect.poll(() => ann.page.evaluate(() => [...document.querySelectorAll('video')].filter((v) => v.paused).length), { timeout: BACK_TIMEOUT_MS }).toBe(0);
    await expectFramesAdvancing(ann.page, 'bob', BACK_TIMEOUT_MS);
    await expectFramesAdvancing(bob.page, 'ann', BACK_TIMEOUT_MS);
    // The same person, not a new tile: the session was kept or resumed.
    expect(await remoteTiles(bob.page).count()).toBe(1);
    expect(await remoteTiles(bob.page).getAttribute('data-peer-id')).toBe(annId);
    await statusText(ann.page, '2 people in the call').waitFor({ timeout: BACK_TIMEOUT_MS });
  });
});
