import type { Browser, Locator, Page } from 'playwright-core';
import { newPerson, type Person } from '../harness/browser.js';
import type { Stage } from '../harness/stage.js';
import { joinAndEnter, openLobby, remoteTile } from '../harness/ui.js';
import { pollUntil } from '../harness/wait.js';
import { trackPeerConnections, peerConnections, type PcReport } from './peer-stats.js';

/** People in a call whose peer connections the test can read (see peer-stats.ts). */

/** How long a route may take to show once media flows (the SDK reads stats every 2 s). */
export const ROUTE_TIMEOUT_MS = 10_000;

/** A person from the stage whose peer connections are tracked, who joins `room` through the lobby. */
export async function enterTracked(stage: Stage, name: string, room: string, options: { relayOnly?: boolean } = {}): Promise<Person> {
  const person = await stage.person(name);
  await trackPeerConnections(person.context);
  await enter(person.page, stage.url, room, name, options);
  return person;
}

/** The same, on a browser of its own (one running in a network namespace). */
export async function enterTrackedOn(browser: Browser, baseUrl: string, name: string, room: string): Promise<Person> {
  const person = await newPerson(browser, name);
  await trackPeerConnections(person.context);
  await enter(person.page, baseUrl, room, name);
  return person;
}

async function enter(page: Page, baseUrl: string, room: string, name: string, { relayOnly = false } = {}): Promise<void> {
  if (!relayOnly) return joinAndEnter(page, baseUrl, room, name);
  await openLobby(page, baseUrl, room, name);
  await relayOnlyCheckbox(page).check();
  await joinAndEnter(page, baseUrl, room, name);
}

export const relayOnlyCheckbox = (page: Page): Locator => page.getByLabel('Hide my IP address (relay only)');

/** The "Direct" / "Relayed (TURN)" badge on `peerName`'s tile. */
export const routeBadge = (page: Page, peerName: string): Locator => remoteTile.in(page, peerName).getByTestId('route-badge');

/** Waits until the badge on `peerName`'s tile reads `text`. */
export async function expectRouteBadge(page: Page, peerName: string, text: string): Promise<void> {
  await pollUntil(
    async () => ((await routeBadge(page, peerName).textContent({ timeout: 500 }).catch(() => null)) === text ? true : undefined),
    { timeoutMs: ROUTE_TIMEOUT_MS, what: `the route badge on ${peerName}'s tile to read "${text}"` },
  );
}

/** Waits until the page has exactly `count` connected peer connections with a selected pair, and returns them. */
export async function connectedPcs(page: Page, count = 1): Promise<PcReport[]> {
  let last: PcReport[] = [];
  return pollUntil(
    async () => {
      last = await peerConnections(page);
      const ready = last.filter((pc) => pc.connectionState === 'connected' && pc.local && pc.remote);
      return ready.length === count ? ready : undefined;
    },
    { timeoutMs: ROUTE_TIMEOUT_MS, what: `${count} connected peer connection(s) with a selected candidate pair` },
    () => JSON.stringify(last),
  );
}

/**
 * Whether the selected pair goes through TURN: a relay candidate on either end. The remote end
 * may show as peer-reflexive (learned from a check before its candidate was signaled): it is a
 * relay when its address is the TURN server's.
 */
export function isRelayed(pc: PcReport, turnHost: string): boolean {
  return pc.local?.candidateType === 'relay' || pc.remote?.candidateType === 'relay' || pc.remote?.address === turnHost;
}
