import { describe, expect, test } from 'vitest';
import type { Person } from './harness/browser.js';
import { expectFramesAdvancing, expectMesh } from './harness/media.js';
import { beforeAllOrFailEach, useBrowser, useServerAndStage } from './harness/suite.js';
import { alertText, joinRoom, remoteTile, remoteTiles, statusText, uniqueRoom } from './harness/ui.js';

/**
 * Joining rooms end to end: the built server and web app, headless Chromium with a fake camera
 * and microphone, every action through the UI, and every "sees" asserted on decoded video frames
 * whose picture changes (harness/media.ts), never on DOM presence alone.
 */

const ROOM_CAPACITY = 4;
const UI_STATE_TIMEOUT_MS = 10_000;
/** How long a refused fifth person is watched for any sign of getting in. */
const REFUSED_OBSERVATION_MS = 2_000;
const WAITING = 'Waiting for others to join';

const browser = useBrowser();

describe('two people', () => {
  const { stage } = useServerAndStage(browser, { MAX_PEERS: String(ROOM_CAPACITY) });

  test('two people who join the same room each decode the other one\'s video', async () => {
    const room = uniqueRoom('pair');
    const ann = await stage.enter('ann', room);
    await statusText(ann.page, WAITING).waitFor({ timeout: UI_STATE_TIMEOUT_MS });

    const bob = await stage.enter('bob', room);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');

    await statusText(ann.page, WAITING).waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
    expect(await remoteTiles(ann.page).count()).toBe(1);
    expect(await remoteTiles(bob.page).count()).toBe(1);
  });
});

describe('a full room of four', () => {
  // The tests below build on one another: setting up a four-way mesh is the expensive part.
  const { stage } = useServerAndStage(browser, { MAX_PEERS: String(ROOM_CAPACITY) }, { keepPeople: true });
  const names = ['ann', 'bob', 'cat', 'dan'];
  const room = uniqueRoom('mesh');
  const four: Person[] = [];

  beforeAllOrFailEach(async () => {
    for (const name of names) four.push(await stage.enter(name, room));
  });

  test('each of four people decodes the other three', async () => {
    await expectMesh(four);
    for (const person of four) expect(await remoteTiles(person.page).count()).toBe(3);
  });

  test('a fifth person is told the room is full, and the four are undisturbed', async () => {
    const eve = await stage.person('eve');
    await joinRoom(eve.page, stage.url, room, 'eve');
    await alertText(eve.page, 'This room is full').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await eve.page.waitForTimeout(REFUSED_OBSERVATION_MS);
    expect(await remoteTiles(eve.page).count()).toBe(0);

    for (const person of four) {
      expect(await remoteTile.in(person.page, 'eve').count()).toBe(0);
      expect(await remoteTiles(person.page).count()).toBe(3);
    }
    await expectMesh(four);
  });
});
