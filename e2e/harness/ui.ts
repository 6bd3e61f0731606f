import type { Locator, Page } from 'playwright-core';

/**
 * What a person does and sees, through the real UI of apps/web: accessible names and the
 * data-testid attributes the app documents, never its internals.
 */

/** How long the lobby may take to get ready (camera preview, signaling connected) and to enter the room. */
export const UI_TIMEOUT_MS = 20_000;

const cssString = (value: string) => JSON.stringify(value);

/** The tile of another person, by display name. */
export const remoteTile = {
  selector: (peerName: string) => `[data-testid="tile"][data-self="false"][data-peer-name=${cssString(peerName)}]`,
  in: (page: Page, peerName: string): Locator => page.locator(remoteTile.selector(peerName)),
};

/** Every tile of another person. */
export const remoteTiles = (page: Page): Locator => page.locator('[data-testid="tile"][data-self="false"]');

/** The person's own tile in the room view. */
export const selfTile = (page: Page): Locator => page.locator('[data-testid="tile"][data-self="true"]');

export const roomUrl = (baseUrl: string, room: string, query = ''): string => `${baseUrl}/r/${room}${query}`;

/** Opens the lobby of `room` and types the name; Join is not clicked yet. */
export async function openLobby(page: Page, baseUrl: string, room: string, name: string, query = ''): Promise<void> {
  await page.goto(roomUrl(baseUrl, room, query));
  await page.getByLabel('Name').fill(name);
}

/** The lobby's Join button. Playwright's click waits until it is enabled. */
export const joinButton = (page: Page): Locator => page.getByRole('button', { name: 'Join', exact: true });

/** Goes to `/r/<room>`, fills "Name", clicks "Join". Returns once the click has happened. */
export async function joinRoom(page: Page, baseUrl: string, room: string, name: string): Promise<void> {
  await openLobby(page, baseUrl, room, name);
  await joinButton(page).click({ timeout: UI_TIMEOUT_MS });
}

/** Joins and waits until the room view shows the person's own tile. */
export async function joinAndEnter(page: Page, baseUrl: string, room: string, name: string): Promise<void> {
  await joinRoom(page, baseUrl, room, name);
  await selfTile(page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

export const toolbarButton = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });

export const leave = (page: Page) => toolbarButton(page, 'Leave').click({ timeout: UI_TIMEOUT_MS });
export const muteMicrophone = (page: Page) => toolbarButton(page, 'Mute microphone').click({ timeout: UI_TIMEOUT_MS });
export const unmuteMicrophone = (page: Page) => toolbarButton(page, 'Unmute microphone').click({ timeout: UI_TIMEOUT_MS });
export const turnCameraOff = (page: Page) => toolbarButton(page, 'Turn camera off').click({ timeout: UI_TIMEOUT_MS });
export const turnCameraOn = (page: Page) => toolbarButton(page, 'Turn camera on').click({ timeout: UI_TIMEOUT_MS });

/** The "Muted" badge on another person's tile. */
export const mutedBadge = (page: Page, peerName: string): Locator => remoteTile.in(page, peerName).getByTestId('muted-badge');

/** role="status" text such as 'Waiting for others to join…'. */
export const statusText = (page: Page, text: string): Locator => page.getByRole('status').filter({ hasText: text });

/** role="alert" text such as 'This room is full'. */
export const alertText = (page: Page, text: string): Locator => page.getByRole('alert').filter({ hasText: text });

/** A room name no other test uses, valid for the protocol (letters, digits, "-" and "_"). */
export function uniqueRoom(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
