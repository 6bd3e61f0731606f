import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Person } from './harness/browser.js';
import { expectFramesAdvancing } from './harness/media.js';
import { receivedMedia, receivedPictureLevels, recordPeerConnections, type ReceivedMedia } from './harness/peer-connections.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { joinAndEnter, joinButton, openLobby, remoteTiles, selfTile, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';
import { pollUntil } from './harness/wait.js';

/**
 * The prepared join (docs/join-latency.md): someone in a room's lobby has connections up to the
 * people in it before clicking Join, but no sound and no picture goes either way, and nobody sees
 * them, until the click. The video encoders run on a blank (black) picture meanwhile. Asserted on
 * what each page's peer connections receive (getStats, and the received video's pixels), not on
 * the DOM.
 */

/** The brightest colour channel a blank picture may have (0–255; a camera's picture is far above). */
const BLANK_LEVEL = 24;

/** How long the lobby and the room are watched for media that must not flow. */
const PRIVACY_OBSERVATION_MS = 4_000;
/** Sampling interval of that watch. */
const PRIVACY_SAMPLE_MS = 500;
const CONNECTED_TIMEOUT_MS = 20_000;
/** How long a slow camera takes to start, in the test of one: well after the lobby has prepared. */
const SLOW_CAMERA_MS = 3_000;

const browser = useBrowser();

async function connectedPcs(page: Page): Promise<ReceivedMedia[]> {
  return (await receivedMedia(page)).filter((pc) => pc.connectionState === 'connected');
}

/** Waits until `page` has `count` connected peer connections. */
async function untilConnected(page: Page, count: number, what: string): Promise<void> {
  await pollUntil(async () => ((await connectedPcs(page)).length === count ? true : undefined), {
    timeoutMs: CONNECTED_TIMEOUT_MS,
    what,
  });
}

/** In the lobby of `room` until its join is prepared (the form says so). */
async function intoLobby(person: Person, url: string, room: string): Promise<void> {
  await recordPeerConnections(person);
  await openLobby(person.page, url, room, person.name);
  await person.page.locator('form[data-prepare="prepared"]').waitFor({ timeout: UI_TIMEOUT_MS });
}

function totals(pcs: readonly ReceivedMedia[]): { audioPacketsReceived: number } {
  return { audioPacketsReceived: pcs.reduce((sum, pc) => sum + pc.audioPacketsReceived, 0) };
}

describe('prepared join', () => {
  const { stage } = useServerAndStage(browser);

  /** `name` in `room`, their peer connections recorded for the checks on what they receive. */
  async function recordedMember(name: string, room: string): Promise<Person> {
    const person = await stage.person(name);
    await recordPeerConnections(person);
    await joinAndEnter(person.page, stage.url, room, name);
    return person;
  }

  test('before Join no sound or picture goes either way and nobody sees the visitor; after Join both decode, on the prepared connection', async () => {
    const room = uniqueRoom('prep');
    const ann = await recordedMember('ann', room);

    const vic = await stage.person('vic');
    await intoLobby(vic, stage.url, room);
    // The preparation is real: ICE and DTLS are up on both sides.
    await untilConnected(vic.page, 1, "the lobby's prepared connection to be up");
    await untilConnected(ann.page, 1, "the member's connection to the lobby visitor to be up");

    for (let waited = 0; waited < PRIVACY_OBSERVATION_MS; waited += PRIVACY_SAMPLE_MS) {
      expect(totals(await receivedMedia(vic.page)), 'sound reached the lobby before Join').toEqual({ audioPacketsReceived: 0 });
      expect(totals(await receivedMedia(ann.page)), 'sound from the lobby reached the room before Join').toEqual({ audioPacketsReceived: 0 });
      expect(await remoteTiles(ann.page).count(), 'the member shows a tile for the lobby visitor').toBe(0);
      await ann.page.waitForTimeout(PRIVACY_SAMPLE_MS);
    }
    // The video that flows meanwhile (the encoders warming up) is blank, both ways.
    for (const [page, what] of [[vic.page, 'the lobby'], [ann.page, 'the room']] as const) {
      const levels = await receivedPictureLevels(page);
      expect(levels, `video reaching ${what} before Join`).toHaveLength(1);
      expect(levels[0], `a picture reached ${what} before Join`).not.toBeNull();
      expect(levels[0]!, `a picture reached ${what} before Join`).toBeLessThanOrEqual(BLANK_LEVEL);
    }

    await joinButton(vic.page).click({ timeout: UI_TIMEOUT_MS });
    await selfTile(vic.page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await expectFramesAdvancing(ann.page, 'vic');
    await expectFramesAdvancing(vic.page, 'ann');
    // The media came over the connections made in the lobby: no new ones were needed.
    const vicPcs = await receivedMedia(vic.page);
    expect(vicPcs).toHaveLength(1);
    expect(vicPcs[0]?.framesDecoded).toBeGreaterThan(0);
    expect((await receivedMedia(ann.page)).filter((pc) => pc.connectionState !== 'closed')).toHaveLength(1);
    // The same check sees the cameras now: it can tell a picture from a blank one.
    for (const page of [vic.page, ann.page]) {
      const [level] = await receivedPictureLevels(page);
      expect(level).not.toBeNull();
      expect(level!).toBeGreaterThan(BLANK_LEVEL);
    }
  });

  test('a camera that starts after the lobby prepared still warms the prepared connection: the member receives a blank picture, then the camera', async () => {
    const room = uniqueRoom('prep-late-cam');
    const ann = await recordedMember('ann', room);

    const vic = await stage.person('vic');
    // A camera slow to start, as real ones are: the lobby prepares before it runs.
    await vic.context.addInitScript((delayMs: number) => {
      const devices = navigator.mediaDevices;
      const getUserMedia = devices.getUserMedia.bind(devices);
      const state = { cameraGiven: false };
      (window as unknown as { __slowCamera: typeof state }).__slowCamera = state;
      devices.getUserMedia = async (constraints) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        const stream = await getUserMedia(constraints);
        state.cameraGiven = true;
        return stream;
      };
    }, SLOW_CAMERA_MS);
    await intoLobby(vic, stage.url, room);
    expect(
      await vic.page.evaluate(() => (window as unknown as { __slowCamera: { cameraGiven: boolean } }).__slowCamera.cameraGiven),
      'the lobby prepared before its camera ran',
    ).toBe(false);
    await untilConnected(ann.page, 1, "the member's connection to the lobby visitor to be up");

    // Once the camera runs, the visitor's encoder warms up on a blank picture: the member decodes it.
    await pollUntil(async () => ((await receivedPictureLevels(ann.page))[0] != null ? true : undefined), {
      timeoutMs: CONNECTED_TIMEOUT_MS,
      what: 'the blank picture of the lobby visitor to reach the member',
    });
    const [before] = await receivedPictureLevels(ann.page);
    expect(before!, 'a picture reached the room before Join').toBeLessThanOrEqual(BLANK_LEVEL);
    expect(await remoteTiles(ann.page).count(), 'the member shows a tile for the lobby visitor').toBe(0);

    await joinButton(vic.page).click({ timeout: UI_TIMEOUT_MS });
    await expectFramesAdvancing(ann.page, 'vic');
    await expectFramesAdvancing(vic.page, 'ann');
    const [after] = await receivedPictureLevels(ann.page);
    expect(after!).toBeGreaterThan(BLANK_LEVEL);
    expect((await receivedMedia(ann.page)).filter((pc) => pc.connectionState !== 'closed'), 'the prepared connection carried the join').toHaveLength(1);
  });

  test('the lobby says who is in the room, and keeps it up to date as people join and leave', async () => {
    const room = uniqueRoom('prep-who');
    const people = (person: Person) => person.page.getByTestId('lobby-people');

    const vic = await stage.person('vic');
    await intoLobby(vic, stage.url, room);
    await expect.poll(() => people(vic).textContent(), { timeout: UI_TIMEOUT_MS }).toBe('No one else is here yet.');

    const ann = await stage.enter('ann', room);
    await expect.poll(() => people(vic).textContent(), { timeout: UI_TIMEOUT_MS }).toBe('ann is here.');
    await stage.enter('bob', room);
    await expect.poll(() => people(vic).textContent(), { timeout: UI_TIMEOUT_MS }).toBe('ann and bob are here.');
    await ann.close();
    await expect.poll(() => people(vic).textContent(), { timeout: UI_TIMEOUT_MS }).toBe('bob is here.');
  });

  test('a lobby visitor who closes the tab leaves no trace at the member', async () => {
    const room = uniqueRoom('prep-gone');
    const ann = await recordedMember('ann', room);
    const wen = await stage.person('wen');
    await intoLobby(wen, stage.url, room);
    await untilConnected(ann.page, 1, "the member's connection to the lobby visitor to be up");

    await wen.close();
    await pollUntil(async () => ((await receivedMedia(ann.page)).every((pc) => pc.connectionState === 'closed') ? true : undefined), {
      timeoutMs: CONNECTED_TIMEOUT_MS,
      what: "the member's connection to the departed visitor to be closed",
    });
    expect(await remoteTiles(ann.page).count()).toBe(0);

    // The room works as before for someone joining the ordinary way.
    const bob = await stage.enter('bob', room);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
  });
});
