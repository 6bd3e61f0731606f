import { afterEach, describe, expect, test } from 'vitest';
import type { Person } from './harness/browser.js';
import { expectFramesAdvancing } from './harness/media.js';
import { startBlackholeProxy, type BlackholeProxy } from './harness/proxy.js';
import type { RunningServer } from './harness/server.js';
import type { Stage } from './harness/stage.js';
import { elapsedSince, useBrowser, useServerAndStage } from './harness/suite.js';
import { leave, remoteTile, selfTile, statusText, uniqueRoom } from './harness/ui.js';

/** Someone leaves, cleanly or not: how soon the others stop seeing them. */

/** The product promise: someone who clicks Leave disappears from the others' screens within 2 s. */
const LEAVE_REMOVAL_BUDGET_MS = 2_000;
/** Short liveness settings, so that a vanished person is noticed in seconds. */
const HEARTBEAT_INTERVAL_MS = 1_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;
/** Time for the others' UI to react once the server has let someone go. */
const UI_REACTION_MS = 1_000;
/**
 * A silent connection is found dead at the first sweep after the timeout (at most one interval
 * later).
 */
const SILENT_REMOVAL_BUDGET_MS = HEARTBEAT_TIMEOUT_MS + HEARTBEAT_INTERVAL_MS + UI_REACTION_MS;
/**
 * A dropped connection (no close frame, or killed by the heartbeat) keeps its seat for
 * RESUME_GRACE_MS after it was last heard from, so that its owner can reconnect and resume.
 */
const RESUME_GRACE_MS = 6_000;
const GRACE_REMOVAL_BUDGET_MS = RESUME_GRACE_MS + HEARTBEAT_INTERVAL_MS + UI_REACTION_MS;
const UI_STATE_TIMEOUT_MS = 10_000;

const browser = useBrowser();

describe('leaving', () => {
  const { stage } = useServerAndStage(browser);

  test('Leave removes the tile for the others within 2 s', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('leave'));

    const t0 = Date.now();
    await leave(bob.page);
    const elapsed = await elapsedSince(t0, () =>
      remoteTile.in(ann.page, 'bob').waitFor({ state: 'detached', timeout: LEAVE_REMOVAL_BUDGET_MS }),
    );
    console.log(`Leave: bob's tile gone from ann's screen after ${elapsed} ms`);
    expect(elapsed).toBeLessThanOrEqual(LEAVE_REMOVAL_BUDGET_MS);

    await selfTile(bob.page).waitFor({ state: 'detached', timeout: UI_STATE_TIMEOUT_MS });
    await statusText(ann.page, 'Waiting for others to join').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
  });
});

describe('liveness with a short heartbeat', () => {
  const { stage } = useServerAndStage(browser, {
    HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
    HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
  });

  test('closing a tab removes its tile for the others within the heartbeat timeout', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('close'));

    const t0 = Date.now();
    await bob.page.close();
    const elapsed = await elapsedSince(t0, () =>
      remoteTile.in(ann.page, 'bob').waitFor({ state: 'detached', timeout: HEARTBEAT_TIMEOUT_MS }),
    );
    console.log(`closed tab: bob's tile gone from ann's screen after ${elapsed} ms`);
    expect(elapsed).toBeLessThanOrEqual(HEARTBEAT_TIMEOUT_MS);
  });

  test('a crashed tab\'s tile is removed for the others within the heartbeat timeout', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('crash'));

    const cdp = await bob.context.newCDPSession(bob.page);
    const crashed = new Promise<void>((resolve) => bob.page.once('crash', () => resolve()));
    const t0 = Date.now();
    // The renderer dies without running pagehide or unload handlers. (Chromium's network service
    // still closes the socket with 1001.) Page.crash never answers, so it is not awaited.
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    const elapsed = await elapsedSince(t0, () =>
      remoteTile.in(ann.page, 'bob').waitFor({ state: 'detached', timeout: HEARTBEAT_TIMEOUT_MS }),
    );
    console.log(`crashed tab: bob's tile gone from ann's screen after ${elapsed} ms`);
    expect(elapsed).toBeLessThanOrEqual(HEARTBEAT_TIMEOUT_MS);
  });
});

describe('a connection that goes silent without closing', () => {
  let proxy: BlackholeProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  /**
   * ann connects directly, bob through a proxy (his HTTP and WebSocket; their media is peer to
   * peer). Once both see each other, bob's signaling goes silent and stays open.
   */
  async function silenceBob(stage: Stage, server: RunningServer, room: string): Promise<{ ann: Person; t0: number }> {
    proxy = await startBlackholeProxy(server.port);
    const ann = await stage.enter('ann', room);
    const bob = await stage.enter('bob', room, proxy.url);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
    const t0 = Date.now();
    proxy.blackhole();
    return { ann, t0 };
  }

  describe('without resume', () => {
    const { stage, server } = useServerAndStage(browser, {
      HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
      HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
      RESUME_GRACE_MS: '0',
    });

    test('is dropped by the heartbeat, and its tile removed for the others', async () => {
      const timeoutsBefore = heartbeatTimeouts(server());
      const { ann, t0 } = await silenceBob(stage, server(), uniqueRoom('silent'));
      const elapsed = await elapsedSince(t0, () =>
        remoteTile.in(ann.page, 'bob').waitFor({ state: 'detached', timeout: SILENT_REMOVAL_BUDGET_MS }),
      );
      console.log(`silent connection: bob's tile gone from ann's screen after ${elapsed} ms`);
      expect(elapsed).toBeLessThanOrEqual(SILENT_REMOVAL_BUDGET_MS);
      // The socket never closed, so only the heartbeat can have noticed: no sooner than its
      // timeout after the last pong, which came at most one interval before the silence.
      expect(heartbeatTimeouts(server())).toBe(timeoutsBefore + 1);
      expect(elapsed).toBeGreaterThanOrEqual(HEARTBEAT_TIMEOUT_MS - HEARTBEAT_INTERVAL_MS);
    });
  });

  describe('with a resume grace period', () => {
    const { stage, server } = useServerAndStage(browser, {
      HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
      HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
      RESUME_GRACE_MS: String(RESUME_GRACE_MS),
    });

    test('keeps its seat through the grace period, then its tile is removed for the others', async () => {
      const timeoutsBefore = heartbeatTimeouts(server());
      const { ann, t0 } = await silenceBob(stage, server(), uniqueRoom('grace'));

      // The heartbeat finds the connection dead, but bob keeps his seat: ann still sees him.
      await server().waitForLog(
        (record) => record.msg === 'heartbeat timeout' && heartbeatTimeouts(server()) > timeoutsBefore,
        SILENT_REMOVAL_BUDGET_MS,
        'the heartbeat to drop bob',
      );
      expect(await remoteTile.in(ann.page, 'bob').count()).toBe(1);

      const elapsed = await elapsedSince(t0, () =>
        remoteTile.in(ann.page, 'bob').waitFor({ state: 'detached', timeout: GRACE_REMOVAL_BUDGET_MS }),
      );
      console.log(`silent connection, ${RESUME_GRACE_MS} ms grace: bob's tile gone from ann's screen after ${elapsed} ms`);
      expect(elapsed).toBeLessThanOrEqual(GRACE_REMOVAL_BUDGET_MS);
      // The grace period runs from when bob was last heard from: at most one interval before the silence.
      expect(elapsed).toBeGreaterThanOrEqual(RESUME_GRACE_MS - HEARTBEAT_INTERVAL_MS);
    });
  });
});

/** The server logs "heartbeat timeout" when it drops a connection that stopped answering pings. */
function heartbeatTimeouts(server: RunningServer): number {
  return server.logs().filter((record) => record.msg === 'heartbeat timeout').length;
}
