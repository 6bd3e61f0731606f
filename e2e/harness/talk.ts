import type { Locator, Page } from 'playwright-core';
import { joinButton, openLobby, remoteTile, selfTile, UI_TIMEOUT_MS } from './ui.js';

/**
 * Who is talking and how good the link is, through the UI: the speaking ring, the quality bars and
 * their details panel, the view toggle; and the SDK's send encodings through `?debug=1`.
 */

/** Someone's remote tile while their speaking indicator is lit (or out). */
export const speakingTile = (page: Page, peerName: string, speaking: boolean): Locator =>
  page.locator(`${remoteTile.selector(peerName)}[data-speaking="${speaking}"]`);

/** Your own tile while your speaking indicator is lit (or out). */
export const selfSpeakingTile = (page: Page, speaking: boolean): Locator =>
  selfTile(page).and(page.locator(`[data-speaking="${speaking}"]`));

export const qualityIndicator = (page: Page, peerName: string): Locator => remoteTile.in(page, peerName).getByTestId('quality-indicator');

/** One figure of the open details panel, by its `data-stat`. */
export const statFigure = (page: Page, stat: string): Locator =>
  page.getByTestId('stats-panel').locator(`[data-stat="${stat}"] dd`);

export const viewToggle = (page: Page): Locator => page.getByTestId('view-toggle');

/** The large tile of the speaker view. */
export const largeTiles = (page: Page): Locator => page.locator('[data-testid="tile"][data-large="true"]');

/**
 * Records every value `data-speaking` takes on `peerName`'s tile from now on, in the page (a
 * MutationObserver), so a window can be checked afterwards for a flash that a poll would miss.
 */
export async function recordSpeaking(page: Page, peerName: string): Promise<() => Promise<string[]>> {
  const key = `__speaking_${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ selector, key }) => {
      const tile = document.querySelector(selector);
      const seen: string[] = [tile?.getAttribute('data-speaking') ?? 'missing'];
      (window as unknown as Record<string, unknown>)[key] = seen;
      if (!tile) return;
      new MutationObserver(() => seen.push(tile.getAttribute('data-speaking') ?? 'missing')).observe(tile, {
        attributes: true,
        attributeFilter: ['data-speaking'],
      });
    },
    { selector: remoteTile.selector(peerName), key },
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key] ?? [], key);
}

/** Joins through the lobby with `?debug=1`, so the SDK's room is on `window.__confab`. */
export async function enterWithDebug(page: Page, baseUrl: string, room: string, name: string): Promise<void> {
  await openLobby(page, baseUrl, room, name, '?debug=1');
  await joinButton(page).click({ timeout: UI_TIMEOUT_MS });
  await selfTile(page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

export interface SenderView {
  /** What our camera's sender to that peer holds (`encodings[0]`), as read back by the SDK. */
  sendEncoding: { maxBitrate?: number; scaleResolutionDownBy?: number; maxFramerate?: number } | undefined;
  /** The height of the picture sent to them, from the last stats poll. */
  sentHeight: number | undefined;
}

/** For each other person (by name), what `page` sends them, read from the SDK through `?debug=1`. */
export async function sendersOf(page: Page): Promise<Record<string, SenderView>> {
  return page.evaluate(() => {
    type PeerLike = {
      name: string;
      sendEncoding?: SenderView['sendEncoding'];
      stats?: { outbound: { height?: number } };
    };
    const handle = (window as unknown as { __confab?: { room: { peers: Map<string, PeerLike> } | null } }).__confab;
    const out: Record<string, SenderView> = {};
    for (const peer of handle?.room?.peers.values() ?? []) {
      out[peer.name] = { sendEncoding: peer.sendEncoding, sentHeight: peer.stats?.outbound.height };
    }
    return out;
  });
}
