import type { Locator, Page } from 'playwright-core';
import type { Person } from './browser.js';
import { UI_TIMEOUT_MS } from './ui.js';

/**
 * What a person does and sees on the direct-calls page (`/call`), through its accessible names and
 * data-testid attributes, as harness/ui.ts does for rooms.
 */

const cssString = (value: string) => JSON.stringify(value);

/** `/call`, or `/call/<name>`: the link that rings `name` once you are online. */
export const callsUrl = (baseUrl: string, ring?: string): string =>
  ring === undefined ? `${baseUrl}/call` : `${baseUrl}/call/${encodeURIComponent(ring)}`;

/** The line that says you are online, shown above the list. */
export const onlineAs = (page: Page, name: string): Locator =>
  page.locator('.directory-self').filter({ hasText: `You are online as ${name}` });

/** Opens `/call` (or `/call/<ring>`), types the name, clicks "Go online", and waits to be in the list. */
export async function goOnline(page: Page, baseUrl: string, name: string, ring?: string): Promise<void> {
  await page.goto(callsUrl(baseUrl, ring));
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Go online', exact: true }).click({ timeout: UI_TIMEOUT_MS });
  await onlineAs(page, name).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Someone's entry in the list of people online. */
export const directoryEntry = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="directory-peer"][data-peer-name=${cssString(name)}]`);

export const callButton = (page: Page, name: string): Locator =>
  page.getByRole('button', { name: `Call ${name}`, exact: true });

/** The incoming-call view: "<name> is calling", with Accept and Decline. */
export const incomingCall = (page: Page, from: string): Locator => page.getByRole('alertdialog', { name: `${from} is calling` });

export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });

export const click = (page: Page, name: string) => button(page, name).click({ timeout: UI_TIMEOUT_MS });

/**
 * Records every stream the page gets from getUserMedia, so a test can check that the camera and
 * microphone were stopped. Must run before the page loads the app.
 */
export async function recordCapturedStreams(person: Person): Promise<void> {
  await person.context.addInitScript({
    content: `(() => {
      const devices = navigator.mediaDevices;
      if (!devices) return;
      const original = devices.getUserMedia.bind(devices);
      globalThis.__capturedStreams = [];
      devices.getUserMedia = async (constraints) => {
        const stream = await original(constraints);
        globalThis.__capturedStreams.push(stream);
        return stream;
      };
    })();`,
  });
}

/** How many tracks the page captured, and how many of them are still live. */
export async function capturedTracks(page: Page): Promise<{ total: number; live: number }> {
  return page.evaluate(() => {
    const streams = (globalThis as unknown as { __capturedStreams?: MediaStream[] }).__capturedStreams ?? [];
    const tracks = streams.flatMap((stream) => stream.getTracks());
    return { total: tracks.length, live: tracks.filter((track) => track.readyState === 'live').length };
  });
}
