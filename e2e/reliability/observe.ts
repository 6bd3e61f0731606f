import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { framesAdvanced, sampleVideos, type VideoSample } from '../harness/media.js';
import { remoteTile, remoteTiles, statusText } from '../harness/ui.js';
import { pollUntil, sleep } from '../harness/wait.js';

/** What the reliability tests watch and measure, and where the figures go. */

/** The measured figures, merged by test into one file that docs/reliability.md cites. */
export const RESULTS_FILE = fileURLToPath(new URL('../../bench/results/reliability.json', import.meta.url));

export function recordResult(section: string, values: Record<string, unknown>): void {
  let all: Record<string, unknown> = {};
  if (existsSync(RESULTS_FILE)) {
    try {
      all = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
    } catch {
      all = {};
    }
  }
  all[section] = { ...values, measuredAt: new Date().toISOString() };
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`[reliability] ${section}: ${JSON.stringify(values)}`);
}

/** A change to the set of tiles on a page, as a MutationObserver in the page saw it. */
export interface TileEvent {
  t: number;
  op: 'added' | 'removed';
  name: string | undefined;
  id: string | undefined;
  self: boolean;
}

/** Starts recording, inside the page, every tile added to or removed from the grid. */
export async function watchTiles(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __tileLog?: unknown[] };
    if (w.__tileLog) return;
    const log: unknown[] = [];
    w.__tileLog = log;
    const note = (node: Node, op: 'added' | 'removed') => {
      if (!(node instanceof HTMLElement)) return;
      const tiles = node.matches('[data-testid="tile"]') ? [node] : [...node.querySelectorAll<HTMLElement>('[data-testid="tile"]')];
      for (const tile of tiles) {
        log.push({ t: Date.now(), op, name: tile.dataset.peerName, id: tile.dataset.peerId, self: tile.dataset.self === 'true' });
      }
    };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) note(node, 'added');
        for (const node of record.removedNodes) note(node, 'removed');
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
}

export async function tileEvents(page: Page): Promise<TileEvent[]> {
  return page.evaluate(() => ((window as unknown as { __tileLog?: TileEvent[] }).__tileLog ?? []).slice());
}

/** The peer id on `peerName`'s tile as `page` shows it. */
export async function peerIdOf(page: Page, peerName: string): Promise<string | null> {
  return remoteTile.in(page, peerName).getAttribute('data-peer-id', { timeout: 5_000 });
}

/** Names on the remote tiles of `page`, sorted; a duplicate tile shows as a repeated name. */
export async function remoteNames(page: Page): Promise<string[]> {
  const names = await remoteTiles(page).evaluateAll((tiles) => tiles.map((t) => (t as HTMLElement).dataset.peerName ?? '?'));
  return names.sort();
}

/** The "Reconnecting…" status of the room view. */
export const reconnectingStatus = (page: Page) => statusText(page, 'Reconnecting');

/**
 * Samples the remote videos of several viewers once per window while `whileTrue()` holds, and
 * returns every sample, so a test can say whether media kept flowing through an outage.
 */
export async function sampleThrough(
  viewers: readonly { page: Page; peers: readonly string[] }[],
  whileTrue: () => boolean,
  windowMs = 1_000,
): Promise<{ at: number; viewer: number; peer: string; ok: boolean; sample: VideoSample | undefined }[]> {
  const samples: { at: number; viewer: number; peer: string; ok: boolean; sample: VideoSample | undefined }[] = [];
  while (whileTrue()) {
    const at = Date.now();
    const results = await Promise.all(
      viewers.map(({ page, peers }) =>
        sampleVideos(page, Object.fromEntries(peers.map((p) => [p, `${remoteTile.selector(p)} video`])), windowMs),
      ),
    );
    results.forEach((result, viewer) => {
      for (const [peer, sample] of Object.entries(result)) {
        samples.push({ at, viewer, peer, ok: sample !== undefined && framesAdvanced(sample as VideoSample), sample: sample as VideoSample | undefined });
      }
    });
  }
  return samples;
}

/** Waits until `page` decodes advancing frames from every one of `peers`, sampling in short windows; returns when. */
export async function framesBackAt(page: Page, peers: readonly string[], timeoutMs: number, windowMs = 250): Promise<number> {
  const selectors = Object.fromEntries(peers.map((p) => [p, `${remoteTile.selector(p)} video`]));
  return pollUntil(
    async () => {
      const start = Date.now();
      const result = await sampleVideos(page, selectors, windowMs);
      const ok = peers.every((p) => {
        const sample = result[p];
        return sample !== undefined && framesAdvanced(sample);
      });
      return ok ? start : undefined;
    },
    { timeoutMs, intervalMs: 0, what: `frames from ${peers.join(', ')}` },
  );
}

/** Waits until `check()` is true, polling every 50 ms; returns Date.now() when it was. */
export async function when(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  return pollUntil(async () => ((await check()) ? Date.now() : undefined), { timeoutMs, intervalMs: 50, what });
}

export { sleep };
