import { FAST_START_MAX_MS, MAX_BACKOFF, sendEncoding, sendTarget, SPEAKING_RELEASE_MS, STATS_POLL_MS, type SendEncoding } from '@confab/client';
import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing, expectMesh } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import {
  enterWithDebug,
  largeTiles,
  qualityIndicator,
  recordSpeaking,
  selfSpeakingTile,
  sendersOf,
  speakingTile,
  statFigure,
  viewToggle,
} from './harness/talk.js';
import { muteMicrophone, mutedBadge, remoteTile, uniqueRoom, unmuteMicrophone } from './harness/ui.js';
import { pollUntil, sleep } from './harness/wait.js';

/**
 * Who is talking and how good the link is, as the others see it. Chromium's fake microphone
 * beeps without pause, so an unmuted person always "speaks"; a muted one sends silence.
 */

/**
 * Whether a sender holds the policy's encoding for a room of `people`, at any back-off step (a
 * loaded test machine may make a link look poor for a while, which only lowers it further).
 */
function isFor(people: number, held: Partial<SendEncoding> | undefined): boolean {
  return Array.from({ length: MAX_BACKOFF + 1 }, (_, step) => sendEncoding(people, step)).some(
    (e) =>
      held?.maxBitrate === e.maxBitrate &&
      held.maxFramerate === e.maxFramerate &&
      Math.abs((held.scaleResolutionDownBy ?? 1) - e.scaleResolutionDownBy) < 0.01,
  );
}

/** Time for a speaking, quality or layout change to reach the other side and show. */
const INDICATOR_TIMEOUT_MS = 10_000;
/** How many stats polls a muted person is watched for a speaking indicator that should not light. */
const QUIET_POLLS = 8;

const browser = useBrowser();

describe('who is talking', () => {
  const { stage } = useServerAndStage(browser);

  test('the beep of the fake microphone lights the speaking indicator at the other side, and a muted microphone (with its badge) does not', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('speak'));
    await speakingTile(bob.page, 'ann', true).waitFor({ timeout: INDICATOR_TIMEOUT_MS });
    await selfSpeakingTile(ann.page, true).waitFor({ timeout: INDICATOR_TIMEOUT_MS });

    await muteMicrophone(ann.page);
    await mutedBadge(bob.page, 'ann').waitFor({ state: 'visible', timeout: INDICATOR_TIMEOUT_MS });
    await speakingTile(bob.page, 'ann', false).waitFor({ timeout: INDICATOR_TIMEOUT_MS });
    await selfSpeakingTile(ann.page, false).waitFor({ timeout: INDICATOR_TIMEOUT_MS });
    // Muted for several polls: the indicator never lights, not even for a moment.
    const seen = await recordSpeaking(bob.page, 'ann');
    await sleep(QUIET_POLLS * STATS_POLL_MS + SPEAKING_RELEASE_MS);
    expect(await seen()).toEqual(['false']);

    await unmuteMicrophone(ann.page);
    await mutedBadge(bob.page, 'ann').waitFor({ state: 'detached', timeout: INDICATOR_TIMEOUT_MS });
    await speakingTile(bob.page, 'ann', true).waitFor({ timeout: INDICATOR_TIMEOUT_MS });
    await expectFramesAdvancing(bob.page, 'ann');
  });

  test('the speaker view shows one large tile, the one who speaks, with its frames advancing', async () => {
    const room = uniqueRoom('speaker');
    const ann = await stage.enter('ann', room);
    const bob = await stage.enter('bob', room);
    const cid = await stage.enter('cid', room);
    await expectMesh([ann, bob, cid].map(({ name, page }) => ({ name, page })));
    // Only ann speaks.
    await muteMicrophone(bob.page);
    await muteMicrophone(cid.page);
    await speakingTile(cid.page, 'bob', false).waitFor({ timeout: INDICATOR_TIMEOUT_MS });

    await viewToggle(cid.page).click();
    await largeTiles(cid.page).and(cid.page.locator(remoteTile.selector('ann'))).waitFor({ timeout: INDICATOR_TIMEOUT_MS });
    expect(await largeTiles(cid.page).count()).toBe(1);
    await expectFramesAdvancing(cid.page, 'ann');
    // The others stay in the strip with their pictures moving.
    await expectFramesAdvancing(cid.page, 'bob');

    // ann stops, bob speaks: the large tile follows (after its hold time).
    await muteMicrophone(ann.page);
    await unmuteMicrophone(bob.page);
    await largeTiles(cid.page).and(cid.page.locator(remoteTile.selector('bob'))).waitFor({ timeout: INDICATOR_TIMEOUT_MS });
    expect(await largeTiles(cid.page).count()).toBe(1);
    await expectFramesAdvancing(cid.page, 'bob');

    // Back to the grid: no large tile.
    await viewToggle(cid.page).click();
    await largeTiles(cid.page).waitFor({ state: 'detached', timeout: INDICATOR_TIMEOUT_MS });
  });
});

describe('connection quality', () => {
  const { stage } = useServerAndStage(browser);

  test('a call on one machine is graded good, and its details show the round trip, the frame rate and the candidate pair', async () => {
    const [, bob] = await stage.pair(uniqueRoom('quality'));
    await qualityIndicator(bob.page, 'ann').and(bob.page.locator('[data-quality="good"]')).waitFor({ timeout: INDICATOR_TIMEOUT_MS });

    await qualityIndicator(bob.page, 'ann').click();
    const panel = bob.page.getByTestId('stats-panel');
    await panel.waitFor({ timeout: INDICATOR_TIMEOUT_MS });
    // Figures arrive with the polls: wait until each one is there.
    const figures = await pollUntil(
      async () => {
        const read = async (stat: string) => (await statFigure(bob.page, stat).textContent()) ?? '';
        const f = {
          rtt: await read('rtt'),
          videoIn: await read('video-in'),
          videoOut: await read('video-out'),
          bitrate: await read('bitrate'),
          local: await read('local-candidate'),
          remote: await read('remote-candidate'),
          route: await read('route'),
          send: await read('send-limit'),
        };
        // The send cap shows once the connection's fast start (a smaller picture first) is over.
        return /\d ms/.test(f.rtt) && /\d fps/.test(f.videoIn) && /\d/.test(f.local) && /^1500 kbit\/s/.test(f.send) ? f : undefined;
      },
      { timeoutMs: FAST_START_MAX_MS + INDICATOR_TIMEOUT_MS, what: 'the figures of the details panel' },
    );
    expect(Number(figures.rtt.match(/[\d.]+/)?.[0])).toBeLessThan(250);
    expect(Number(figures.videoIn.match(/([\d.]+) fps/)?.[1])).toBeGreaterThan(0);
    expect(figures.videoIn).toMatch(/\d+×\d+/);
    expect(figures.bitrate).toMatch(/^\d+ \/ \d+ kbit\/s$/);
    // Both browsers on this machine: host candidates over UDP, a direct route.
    expect(figures.local).toMatch(/^host udp \S+:\d+$/);
    expect(figures.remote).toMatch(/^(host|prflx) udp \S+:\d+$/);
    expect(figures.route).toBe('Direct (peer to peer)');
    expect(figures.send).toMatch(/^1500 kbit\/s/);
    await expectFramesAdvancing(bob.page, 'ann');
  });
});

describe('adaptive mesh', () => {
  const { stage } = useServerAndStage(browser);

  test('when a third person joins, each sender lowers the encoding it sends per peer, and media keeps flowing', async () => {
    const room = uniqueRoom('mesh');
    const ann = await stage.person('ann');
    await enterWithDebug(ann.page, stage.url, room, 'ann');
    const bob = await stage.enter('bob', room);
    await expectFramesAdvancing(bob.page, 'ann');

    // Each connection sends a small picture first (fast start, up to FAST_START_MAX_MS) before
    // the room's policy applies; the polls below allow for it.
    let last: unknown;
    const toBob = await pollUntil(
      async () => {
        const view = (await sendersOf(ann.page)).bob;
        last = view;
        return isFor(2, view?.sendEncoding) ? view : undefined;
      },
      { timeoutMs: FAST_START_MAX_MS + INDICATOR_TIMEOUT_MS, what: "ann's encoding for a call of two" },
      () => JSON.stringify(last),
    );

    const cid = await stage.enter('cid', room);
    const senders = await pollUntil(
      async () => {
        const views = await sendersOf(ann.page);
        last = views;
        return ['bob', 'cid'].every((name) => isFor(3, views[name]?.sendEncoding)) ? views : undefined;
      },
      { timeoutMs: FAST_START_MAX_MS + INDICATOR_TIMEOUT_MS, what: "ann's encodings for a room of three" },
      () => JSON.stringify(last),
    );
    expect(senders.bob?.sendEncoding?.maxBitrate).toBeLessThan(toBob.sendEncoding?.maxBitrate ?? 0);
    await expectMesh([ann, bob, cid].map(({ name, page }) => ({ name, page })));
    // The picture really sent is no taller than the policy's height for three.
    const maxHeight = sendTarget(3).height;
    const sent = await pollUntil(
      async () => {
        const views = await sendersOf(ann.page);
        last = views;
        const height = views.bob?.sentHeight;
        return height !== undefined && height <= maxHeight ? height : undefined;
      },
      { timeoutMs: FAST_START_MAX_MS + INDICATOR_TIMEOUT_MS, what: `the picture sent to bob to shrink to ${maxHeight} lines or fewer` },
      () => JSON.stringify(last),
    );
    expect(sent).toBeGreaterThan(0);
  });
});
