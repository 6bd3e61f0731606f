import { afterEach, describe, expect, test } from 'vitest';
import { expectFramesAdvancing } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { muteMicrophone, mutedBadge, remoteTile, turnCameraOff, uniqueRoom } from './harness/ui.js';
import { startCutProxy, type CutProxy } from './reliability/cut-proxy.js';
import {
  framesBackAt,
  peerIdOf,
  reconnectingStatus,
  recordResult,
  remoteNames,
  sampleThrough,
  sleep,
  tileEvents,
  watchTiles,
  when,
} from './reliability/observe.js';

/**
 * Bob's WebSocket is cut under a call (no close frame: the server sees a drop and keeps his seat)
 * and stays unreachable for a few seconds. His SDK must resume the same session: same peer id,
 * no leave seen by Ann, and what either of them did meanwhile must reach the other.
 */

/** How long the signaling path stays cut. */
const OUTAGE_MS = 4_000;
/**
 * Worst case to get back: the backoff window in force after OUTAGE_MS of refused attempts (up to
 * the 7 s cap: full jitter draws anywhere in it) plus the handshake.
 */
const RESUME_BUDGET_MS = 7_500;
const UI_TIMEOUT_MS = 5_000;

const browser = useBrowser();

describe('a WebSocket dropped under a call', () => {
  const { stage, server } = useServerAndStage(browser);
  let proxy: CutProxy | undefined;

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  test('the client resumes with the same id, the other side sees no leave, and what was sent during the drop arrives', async () => {
    const room = uniqueRoom('drop');
    proxy = await startCutProxy(server().port);
    const ann = await stage.enter('ann', room);
    // Bob's page, and so his signaling, goes through the proxy; the media between them does not.
    const bob = await stage.enter('bob', room, proxy.url);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
    await watchTiles(ann.page);
    await watchTiles(bob.page);
    const bobIdBefore = await peerIdOf(ann.page, 'bob');
    const annIdBefore = await peerIdOf(bob.page, 'ann');

    const acceptedBefore = proxy.accepted;
    const tCut = Date.now();
    proxy.cut();
    const tNoticed = await when(async () => (await reconnectingStatus(bob.page).count()) > 0, UI_TIMEOUT_MS, 'Reconnecting… at bob');

    // Media is peer to peer: it must not notice that signaling is gone.
    let sampling = true;
    const during = sampleThrough(
      [
        { page: ann.page, peers: ['bob'] },
        { page: bob.page, peers: ['ann'] },
      ],
      () => sampling,
    );
    await sleep(2_000);
    sampling = false;
    const samples = await during;

    // During the drop: Ann mutes (the server keeps the news in Bob's seat), Bob turns his camera
    // off (his SDK keeps the message until the session is back).
    await muteMicrophone(ann.page);
    await turnCameraOff(bob.page);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - tCut)));

    const attemptsWhileCut = proxy.accepted - acceptedBefore;
    const tRestore = Date.now();
    proxy.restore();
    // Each watched on its own, so each time is measured from the restore.
    const [tResumed, tBadge, tCameraOff, tFrames] = await Promise.all([
      when(async () => (await reconnectingStatus(bob.page).count()) === 0, RESUME_BUDGET_MS + 5_000, 'bob back'),
      when(async () => (await mutedBadge(bob.page, 'ann').count()) > 0, RESUME_BUDGET_MS + UI_TIMEOUT_MS, 'the muted badge at bob'),
      when(
        async () => (await remoteTile.in(ann.page, 'bob').getByText('Camera off').count()) > 0,
        RESUME_BUDGET_MS + UI_TIMEOUT_MS,
        '"Camera off" at ann',
      ),
      framesBackAt(bob.page, ['ann'], RESUME_BUDGET_MS + UI_TIMEOUT_MS),
    ]);

    const annEvents = await tileEvents(ann.page);
    const bobEvents = await tileEvents(bob.page);
    const figures = {
      outageMs: tRestore - tCut,
      dropNoticedMs: tNoticed - tCut,
      framesDuringOutage: `${samples.filter((s) => s.ok).length}/${samples.length} samples advancing`,
      resumedAfterRestoreMs: tResumed - tRestore,
      queuedPushShownAfterRestoreMs: tBadge - tRestore,
      outboxMessageShownAfterRestoreMs: tCameraOff - tRestore,
      firstAdvancingSampleAfterRestoreMs: Math.max(0, tFrames - tRestore),
      connectAttemptsWhileCut: attemptsWhileCut,
    };
    recordResult('websocket-drop', figures);

    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.ok), JSON.stringify(samples)).toBe(true);
    expect(await peerIdOf(ann.page, 'bob')).toBe(bobIdBefore);
    expect(await peerIdOf(bob.page, 'ann')).toBe(annIdBefore);
    expect(annEvents.filter((e) => e.op === 'removed'), 'Ann saw Bob leave').toEqual([]);
    expect(bobEvents.filter((e) => e.op === 'removed'), 'Bob saw Ann leave').toEqual([]);
    expect(await remoteNames(ann.page)).toEqual(['bob']);
    expect(await remoteNames(bob.page)).toEqual(['ann']);
    expect(tResumed - tRestore).toBeLessThanOrEqual(RESUME_BUDGET_MS);
  });
});
