import type { Page } from 'playwright-core';

/**
 * A page put in the background, as far as headless Chromium allows: it keeps every page visible
 * (minimizing does not hide it, and Page.setWebLifecycleState does not freeze a visible page), and
 * Playwright turns background timer throttling off. So the hiding is emulated in the page:
 * `document.visibilityState` and the `visibilitychange` event, with the pauses a mobile browser
 * makes. Timers are not throttled by it.
 */

/** Emulates the page going to the background (`hidden`) or coming back (`visible`). */
export async function setVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((state) => {
    const emulated = window as Window & { __visibility?: DocumentVisibilityState };
    if (emulated.__visibility === undefined) {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => emulated.__visibility });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => emulated.__visibility === 'hidden' });
    }
    emulated.__visibility = state;
    // A mobile browser pauses the page's media in the background.
    if (state === 'hidden') for (const video of document.querySelectorAll('video')) video.pause();
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}
