import type { Page } from 'playwright-core';
import type { Person } from './browser.js';

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

/** How often a background tab's timers may run in Chromium (its first stage of throttling). */
export const BACKGROUND_TIMER_MS = 1_000;

/**
 * Makes the page's `setInterval` run no more often than once every BACKGROUND_TIMER_MS, as
 * Chromium does in a background tab (which headless Chromium never has). An init script: call it
 * before the person opens the app.
 */
export async function throttlePageTimers(person: Person): Promise<void> {
  await person.context.addInitScript({
    content: `(() => {
      const original = window.setInterval.bind(window);
      window.setInterval = (handler, ms, ...args) => original(handler, Math.max(Number(ms) || 0, ${BACKGROUND_TIMER_MS}), ...args);
    })();`,
  });
}
