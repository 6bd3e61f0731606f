import { describe, expect, test } from 'vitest';
import type { Person } from './harness/browser.js';
import {
  button,
  callButton,
  capturedTracks,
  click,
  directoryEntry,
  goOnline,
  incomingCall,
  recordCapturedStreams,
} from './harness/calls.js';
import { expectFramesAdvancing } from './harness/media.js';
import type { Stage } from './harness/stage.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { qualityIndicator, speakingTile, statFigure } from './harness/talk.js';
import { alertText, mutedBadge, muteMicrophone, remoteTiles, selfTile, statusText } from './harness/ui.js';
import { pollUntil } from './harness/wait.js';

/**
 * The directory and direct calls end to end (`/call`): people see each other come online without
 * reloading, call each other by name, and hear every outcome in words. Media is asserted on
 * decoded frames that keep changing (harness/media.ts); the end of a call on the tracks being
 * stopped, not only on the view going away.
 */

const UI_STATE_TIMEOUT_MS = 10_000;
/** The ring timeout of the no-answer server, and how long past it the outcome may take to show. */
const CALL_RING_TIMEOUT_MS = 3_000;
const RING_TIMEOUT_SLACK_MS = 4_000;

const browser = useBrowser();

/** A person who records their camera streams, then goes online at `/call` (or `/call/<ring>`). */
async function online(stage: Stage, name: string, ring?: string): Promise<Person> {
  const person = await stage.person(name);
  await recordCapturedStreams(person);
  await goOnline(person.page, stage.url, name, ring);
  return person;
}

/** `caller` rings `callee` from the list; the callee sees the incoming call. */
async function ring(caller: Person, callee: Person): Promise<void> {
  await callButton(caller.page, callee.name).click({ timeout: UI_STATE_TIMEOUT_MS });
  await statusText(caller.page, `Ringing ${callee.name}`).waitFor({ timeout: UI_STATE_TIMEOUT_MS });
  await incomingCall(callee.page, caller.name).waitFor({ timeout: UI_STATE_TIMEOUT_MS });
}

/** `caller` rings `callee`, who accepts; both decode the other's video. */
async function connect(caller: Person, callee: Person): Promise<void> {
  await ring(caller, callee);
  await click(callee.page, 'Accept');
  await expectFramesAdvancing(caller.page, callee.name);
  await expectFramesAdvancing(callee.page, caller.name);
}

/** Back at the list: no call view, the other person callable again, the camera and microphone off. */
async function expectBackAtList(person: Person, other: string): Promise<void> {
  await selfTile(person.page).waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
  await callButton(person.page, other).waitFor({ timeout: UI_STATE_TIMEOUT_MS });
  expect(await remoteTiles(person.page).count()).toBe(0);
  await expectTracksStopped(person);
}

async function expectTracksStopped(person: Person): Promise<void> {
  let last = { total: 0, live: 0 };
  await pollUntil(
    async () => {
      last = await capturedTracks(person.page);
      return last.live === 0 ? last : undefined;
    },
    { timeoutMs: UI_STATE_TIMEOUT_MS, what: `${person.name}'s camera and microphone to stop` },
    () => JSON.stringify(last),
  );
}

describe('a call that connects', () => {
  const { stage } = useServerAndStage(browser);

  test('ann and bob see each other come online; ann calls bob, bob accepts, both see video; ann hangs up and both are back at the list', async () => {
    const ann = await online(stage, 'ann');
    await statusText(ann.page, 'Nobody else is online yet').waitFor({ timeout: UI_STATE_TIMEOUT_MS });

    const bob = await online(stage, 'bob');
    // No reload: ann's list gains bob live, and bob's shows ann.
    await directoryEntry(ann.page, 'bob').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await directoryEntry(bob.page, 'ann').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    expect(await callButton(ann.page, 'ann').count()).toBe(0);

    await ring(ann, bob);
    expect(await button(bob.page, 'Decline').isVisible()).toBe(true);
    await click(bob.page, 'Accept');
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
    expect(await remoteTiles(ann.page).count()).toBe(1);
    expect(await remoteTiles(bob.page).count()).toBe(1);

    // The tiles of a call say what a room's say: who speaks (the fake microphone beeps), the
    // link's grade with its details, and a muted microphone.
    await speakingTile(bob.page, 'ann', true).waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await qualityIndicator(bob.page, 'ann').and(bob.page.locator('[data-quality]:not([data-quality="unknown"])')).waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await qualityIndicator(bob.page, 'ann').click();
    const rtt = await pollUntil(async () => ((await statFigure(bob.page, 'rtt').textContent()) ?? '').match(/\d ms/)?.[0], {
      timeoutMs: UI_STATE_TIMEOUT_MS,
      what: 'the round trip in the details panel',
    });
    expect(rtt).toMatch(/\d ms/);
    await bob.page.keyboard.press('Escape');
    await bob.page.getByTestId('stats-panel').waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
    await muteMicrophone(ann.page);
    await mutedBadge(bob.page, 'ann').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await speakingTile(bob.page, 'ann', false).waitFor({ timeout: UI_STATE_TIMEOUT_MS });

    await click(ann.page, 'Hang up');
    await statusText(bob.page, 'ann hung up').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await expectBackAtList(bob, 'ann');
    await expectBackAtList(ann, 'bob');
    // Both are free again in each other's list.
    await pollUntil(
      async () => ((await directoryEntry(ann.page, 'bob').getAttribute('data-busy')) === 'false' ? true : undefined),
      { timeoutMs: UI_STATE_TIMEOUT_MS, what: 'bob to be shown free again' },
    );

    // Going offline: gone from the other's list, without a reload.
    await click(bob.page, 'Go offline');
    await directoryEntry(ann.page, 'bob').waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
  });

  test('a call link rings its owner; a closed tab ends the call for the other side', async () => {
    const dan = await online(stage, 'dan');
    const eve = await online(stage, 'eve', 'dan');
    await incomingCall(dan.page, 'eve').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await statusText(eve.page, 'Ringing dan').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await click(dan.page, 'Accept');
    await expectFramesAdvancing(eve.page, 'dan');

    // Closing the tab hangs up on the way out (pagehide).
    await dan.page.close();
    await statusText(eve.page, 'dan hung up').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await selfTile(eve.page).waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
    await expectTracksStopped(eve);
    await statusText(eve.page, 'Nobody else is online yet').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
  });

  test('a call link to someone who is not online says so', async () => {
    const fay = await online(stage, 'fay', 'nobody-here');
    await alertText(fay.page, 'nobody-here is not online').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
  });
});

describe('a call that does not connect', () => {
  const { stage } = useServerAndStage(browser);

  test('bob declines: ann is told "bob declined", bob is told he declined, both are back at the list', async () => {
    const ann = await online(stage, 'ann');
    const bob = await online(stage, 'bob');
    await ring(ann, bob);
    await click(bob.page, 'Decline');
    await statusText(ann.page, 'bob declined').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await statusText(bob.page, "You declined ann's call").waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await expectBackAtList(ann, 'bob');
    await expectBackAtList(bob, 'ann');
  });

  test('ann cancels while it rings: both are told the call was cancelled', async () => {
    const ann = await online(stage, 'cat');
    const bob = await online(stage, 'dog');
    await ring(ann, bob);
    await click(ann.page, 'Cancel');
    await statusText(ann.page, 'Call cancelled').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await statusText(bob.page, 'Call cancelled by cat').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await incomingCall(bob.page, 'cat').waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
    await expectBackAtList(ann, 'dog');
  });
});

describe('a busy callee', () => {
  const { stage } = useServerAndStage(browser);

  test('cat calls bob while bob is in a call with ann: cat is told bob is busy, and the call goes on', async () => {
    const ann = await online(stage, 'ann');
    const bob = await online(stage, 'bob');
    const cat = await online(stage, 'cat');
    await connect(ann, bob);

    // cat's list shows bob as busy, live.
    await pollUntil(
      async () => ((await directoryEntry(cat.page, 'bob').getAttribute('data-busy')) === 'true' ? true : undefined),
      { timeoutMs: UI_STATE_TIMEOUT_MS, what: 'bob to be shown busy to cat' },
    );
    await directoryEntry(cat.page, 'bob').getByText('Busy').waitFor({ timeout: UI_STATE_TIMEOUT_MS });

    await callButton(cat.page, 'bob').click({ timeout: UI_STATE_TIMEOUT_MS });
    await statusText(cat.page, 'bob is busy').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await expectTracksStopped(cat);
    expect(await incomingCall(bob.page, 'cat').count()).toBe(0);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
  });
});

describe('no answer', () => {
  const { stage } = useServerAndStage(browser, { CALL_RING_TIMEOUT_MS: String(CALL_RING_TIMEOUT_MS) });

  test('a call nobody answers ends with "No answer" for the caller and a missed call for the callee', async () => {
    const ann = await online(stage, 'ann');
    const bob = await online(stage, 'bob');
    const t0 = Date.now();
    await ring(ann, bob);
    await statusText(ann.page, 'No answer').waitFor({ timeout: CALL_RING_TIMEOUT_MS + RING_TIMEOUT_SLACK_MS });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(CALL_RING_TIMEOUT_MS - 500);
    await statusText(bob.page, 'Missed call from ann').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await incomingCall(bob.page, 'ann').waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
    await expectBackAtList(ann, 'bob');
  });
});

// Last, with its own server: a renderer crash is the roughest thing done to the browser here.
describe('a crashed tab', () => {
  const { stage } = useServerAndStage(browser);

  test('a crashed tab ends the call for the other side: "went offline"', async () => {
    const gus = await online(stage, 'gus');
    const hal = await online(stage, 'hal');
    await connect(gus, hal);

    const cdp = await hal.context.newCDPSession(hal.page);
    const crashed = new Promise<void>((resolve) => hal.page.once('crash', () => resolve()));
    // The renderer dies without running pagehide; the server notices the socket go.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await statusText(gus.page, 'hal went offline').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
    await selfTile(gus.page).waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
    await expectTracksStopped(gus);
  });
});
