import type { Browser, Page } from 'playwright-core';
import { newPerson } from '../e2e/harness/browser.js';
import { FRAME_SAMPLE_MS, framesAdvanced, sampleVideos, type VideoSample } from '../e2e/harness/media.js';
import { joinButton, openLobby } from '../e2e/harness/ui.js';
import { pollUntil } from '../e2e/harness/wait.js';

/** What "the lobby is ready" means for the join benchmark, and whether the app has a cold lobby. */

const LOBBY_READY_TIMEOUT_MS = 20_000;
/** How long a `?cold=1` lobby is watched for a WebSocket it should not open before the click. */
const COLD_PROBE_MS = 2_000;
/** The app's lobby form says how far its prepared join is (`data-prepare`, apps/web/src/lib/prepare.ts). */
const PREPARE_STATE = 'form[data-prepare]';
/** The prepared connections to every resident must be up (ICE and DTLS) before the click. */
const PREPARED_TIMEOUT_MS = 20_000;
const PREVIEW_VIDEO = '[data-testid="local-preview"] video, video[data-testid="local-preview"]';

/** Tracks the page's signaling sockets: `connected` once one has received a frame (the server's welcome). */
export function watchSignaling(page: Page): { opened: () => boolean; connected: () => boolean } {
  let opened = false;
  let connected = false;
  page.on('websocket', (ws) => {
    opened = true;
    ws.on('framereceived', () => {
      connected = true;
    });
  });
  return { opened: () => opened, connected: () => connected };
}

/**
 * Waits until Join is enabled and, for a warm lobby, the camera preview plays and the signaling
 * socket has heard from the server. `signaling` must have been attached before the page loaded.
 */
export async function lobbyReady(
  page: Page,
  { preview, signaling }: { preview: boolean; signaling?: { connected: () => boolean } },
): Promise<void> {
  let last: VideoSample | undefined;
  await pollUntil(
    async () => {
      if (!(await joinButton(page).isEnabled())) return undefined;
      if (signaling && !signaling.connected()) return undefined;
      if (!preview) return true;
      last = (await sampleVideos(page, { preview: PREVIEW_VIDEO }, FRAME_SAMPLE_MS / 2)).preview;
      return last && framesAdvanced(last) ? true : undefined;
    },
    { timeoutMs: LOBBY_READY_TIMEOUT_MS, what: 'the lobby to be ready (Join enabled, preview playing, signaling connected)' },
    () => `preview ${JSON.stringify(last)}, signaling connected ${signaling?.connected()}`,
  );
}

/**
 * For an app that prepares joins (its lobby form has `data-prepare`; older builds do not): waits
 * until the lobby is prepared and its connections to all `residents` are up, as they are for
 * someone who has spent a few seconds in the lobby. Reads the bench probe's `dtls-connected`
 * steps (join-probe.ts). Returns whether the app prepared.
 */
export async function lobbyPrepared(page: Page, residents: number): Promise<boolean> {
  const form = page.locator(PREPARE_STATE);
  if ((await form.count()) === 0) return false;
  let state: string | null = null;
  let connected = 0;
  await pollUntil(
    async () => {
      state = await form.getAttribute('data-prepare');
      connected = await page.evaluate(() => {
        const log = (window as unknown as { __confabStages?: { events: { stage: string; key: string }[] } }).__confabStages;
        return new Set((log?.events ?? []).filter((e) => e.stage === 'dtls-connected').map((e) => e.key)).size;
      });
      return state === 'prepared' && connected >= residents ? true : undefined;
    },
    { timeoutMs: PREPARED_TIMEOUT_MS, what: 'the lobby to be prepared, its connections up' },
    () => `data-prepare ${String(state)}, ${connected} of ${residents} connections up`,
  );
  return true;
}

/**
 * True when `/r/<room>?cold=1` keeps the socket closed until Join is clicked, i.e. the app
 * honours the parameter. Probed by behaviour, in a throwaway context, without joining.
 */
export async function detectColdJoin(browser: Browser, baseUrl: string, room: string): Promise<boolean> {
  const probe = await newPerson(browser, 'cold-probe');
  try {
    const signaling = watchSignaling(probe.page);
    await openLobby(probe.page, baseUrl, room, 'cold-probe', '?cold=1');
    await lobbyReady(probe.page, { preview: false });
    await probe.page.waitForTimeout(COLD_PROBE_MS);
    return !signaling.opened();
  } finally {
    await probe.close();
  }
}
