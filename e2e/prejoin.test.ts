import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Person } from './harness/browser.js';
import { expectFramesAdvancing } from './harness/media.js';
import { receivedMedia, recordPeerConnections, type ReceivedMedia } from './harness/peer-connections.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { joinAndEnter, joinButton, openLobby, remoteTiles, selfTile, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';
import { pollUntil } from './harness/wait.js';

/**
 * The prepared join (docs/join-latency.md): someone in a room's lobby has connections up to the
 * people in it before clicking Join, but no audio or video flows either way, and nobody sees them,
 * until the click. Asserted on what each page's peer connections receive (getStats), not on the DOM.
 */

/** How long the lobby and the room are watched for media that must not flow. */
const PRIVACY_OBSERVATION_MS = 4_000;
/** Sampling interval of that watch. */
const PRIVACY_SAMPLE_MS = 500;
const CONNECTED_TIMEOUT_MS = 20_000;

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

function totals(pcs: readonly ReceivedMedia[]): { packetsReceived: number; framesDecoded: number } {
  return pcs.reduce((sum, pc) => ({ packetsReceived: sum.packetsReceived + pc.packetsReceived, framesDecoded: sum.framesDecoded + pc.framesDecoded }), {
    packetsReceived: 0,
    framesDecoded: 0,
  });
}

describe('prepared join', () => {
  const { stage } = useServerAndStage(browser);

  test('before Join nothing flows either way and nobody sees the visitor; after Join both decode, on the prepared connection', async () => {
    const room = uniqueRoom('prep');
    const ann = await stage.person('ann');
    await recordPeerConnections(ann);
    await joinAndEnter(ann.page, stage.url, room, 'ann');

    const vic = await stage.person('vic');
    await intoLobby(vic, stage.url, room);
    // The preparation is real: ICE and DTLS are up on both sides.
    await untilConnected(vic.page, 1, "the lobby's prepared connection to be up");
    await untilConnected(ann.page, 1, "the member's connection to the lobby visitor to be up");

    for (let waited = 0; waited < PRIVACY_OBSERVATION_MS; waited += PRIVACY_SAMPLE_MS) {
      expect(totals(await receivedMedia(vic.page)), 'media reached the lobby before Join').toEqual({ packetsReceived: 0, framesDecoded: 0 });
      expect(totals(await receivedMedia(ann.page)), 'media from the lobby reached the room before Join').toEqual({ packetsReceived: 0, framesDecoded: 0 });
      expect(await remoteTiles(ann.page).count(), 'the member shows a tile for the lobby visitor').toBe(0);
      await ann.page.waitForTimeout(PRIVACY_SAMPLE_MS);
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
  });

  test('a lobby visitor who closes the tab leaves no trace at the member', async () => {
    const room = uniqueRoom('prep-gone');
    const ann = await stage.person('ann');
    await recordPeerConnections(ann);
    await joinAndEnter(ann.page, stage.url, room, 'ann');
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
