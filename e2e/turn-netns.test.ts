import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, describeConsoles, type Person } from './harness/browser.js';
import { expectFramesAdvancing } from './harness/media.js';
import { beforeAllOrFailEach } from './harness/suite.js';
import { uniqueRoom } from './harness/ui.js';
import { pollUntil } from './harness/wait.js';
import { connectedPcs, enterTrackedOn, expectRouteBadge, isRelayed } from './turn/call.js';
import { peerConnections } from './turn/peer-stats.js';
import { startCoturn, type Coturn } from './turn/coturn.js';
import { createLab, hasRoute, ANN_IP, BOB_IP, HUB_IP, type Lab } from './turn/netns.js';
import { startServerInNetns, type NetnsServer } from './turn/netns-server.js';

/**
 * Two browsers that cannot reach each other still talk, through TURN. Each Chromium runs in a
 * network namespace of its own (see turn/netns.ts); the Confab server and coturn run in a third
 * that both can reach. Needs root: without network namespaces every test here FAILS, it never
 * skips, because a pass would then prove nothing.
 */

const ALLOCATE_SUCCESS = 'incoming packet ALLOCATE processed, success';
/** How long Chromium may take to give up on ICE when no pair can work (about 30 s in practice). */
const ICE_FAILURE_TIMEOUT_MS = 60_000;

describe('two browsers with no path between them', () => {
  let lab: Lab | undefined;
  let coturn: Coturn | undefined;
  let server: NetnsServer | undefined;
  /** The control: the same hub, no TURN configured. */
  let serverWithoutTurn: NetnsServer | undefined;
  const browsers: Browser[] = [];
  const people: Person[] = [];

  /** Chromium inside `ns`, started through a wrapper that enters the namespace. */
  const launchIn = (ns: string, origin: string) =>
    chromium.launch({
      executablePath: lab!.wrapper(ns, CHROMIUM_PATH),
      // The page is served from http://10.77.0.1:<port>: not localhost, so not a secure context by
      // default, and camera, microphone and WebRTC's real addresses need one.
      args: [...CHROMIUM_ARGS, `--unsafely-treat-insecure-origin-as-secure=${origin}`],
    });

  beforeAllOrFailEach(async () => {
    lab = createLab();
    coturn = await startCoturn({ netns: lab.hub, host: HUB_IP });
    server = await startServerInNetns(lab.hub, HUB_IP, { TURN_URLS: coturn.url, TURN_SECRET: coturn.secret });
    serverWithoutTurn = await startServerInNetns(lab.hub, HUB_IP, {});
    const origins = `${server.url},${serverWithoutTurn.url}`;
    browsers.push(await launchIn(lab.ann, origins), await launchIn(lab.bob, origins));
  });

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close()));
    await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
    await server?.stop();
    await serverWithoutTurn?.stop();
    await coturn?.stop();
    lab?.destroy();
  });

  test('the namespaces really are apart: each reaches the hub, neither reaches the other', () => {
    expect(hasRoute(lab!.ann, HUB_IP)).toBe(true);
    expect(hasRoute(lab!.bob, HUB_IP)).toBe(true);
    expect(hasRoute(lab!.ann, BOB_IP)).toBe(false);
    expect(hasRoute(lab!.bob, ANN_IP)).toBe(false);
    // Nor anything outside this machine.
    expect(hasRoute(lab!.ann, '192.0.2.1')).toBe(false);
  });

  test('without TURN they cannot connect at all (the control: the isolation is real)', async () => {
    const room = uniqueRoom('netns-no-turn');
    const ann = await enterTrackedOn(browsers[0]!, serverWithoutTurn!.url, 'ann', room);
    people.push(ann);
    const bob = await enterTrackedOn(browsers[1]!, serverWithoutTurn!.url, 'bob', room);
    people.push(bob);
    // Signaling works (each has a peer connection to the other), media cannot: ICE fails, and the
    // SDK's automatic ICE restarts cannot help either.
    for (const person of [ann, bob]) {
      const history = await pollUntil(
        async () => {
          const [pc] = await peerConnections(person.page);
          return pc?.stateHistory.includes('failed') ? pc.stateHistory : undefined;
        },
        { timeoutMs: ICE_FAILURE_TIMEOUT_MS, what: `${person.name}'s peer connection to fail` },
      );
      expect(history).not.toContain('connected');
    }
    const [pc] = await peerConnections(ann.page);
    expect(pc?.stateHistory).not.toContain('connected');
    expect(pc?.local).toBeUndefined();
    await Promise.all([ann.close(), bob.close()]);
  });

  test('ann and bob connect through TURN (policy "all": TURN is only the fallback)', async () => {
    const room = uniqueRoom('netns');
    try {
      const ann = await enterTrackedOn(browsers[0]!, server!.url, 'ann', room);
      people.push(ann);
      const bob = await enterTrackedOn(browsers[1]!, server!.url, 'bob', room);
      people.push(bob);
      await expectFramesAdvancing(ann.page, 'bob');
      await expectFramesAdvancing(bob.page, 'ann');

      for (const person of [ann, bob]) {
        const [pc] = await connectedPcs(person.page);
        expect(pc!.iceTransportPolicy).toBe('all');
        // Host candidates were offered (the browsers were free to go direct)…
        expect(pc!.localTypes).toContain('host');
        // …and the only pair that worked goes through the relay.
        expect(isRelayed(pc!, HUB_IP), JSON.stringify(pc)).toBe(true);
        expect(coturn!.grep(new RegExp(`user <${pc!.turnUsernames[0]}>: ${ALLOCATE_SUCCESS}`)).length).toBeGreaterThan(0);
      }
      await expectRouteBadge(ann.page, 'bob', 'Relayed (TURN)');
      await expectRouteBadge(bob.page, 'ann', 'Relayed (TURN)');
    } catch (error) {
      console.error(`${describeConsoles(people)}\n--- server ---\n${server?.logTail()}\n--- coturn ---\n${coturn?.log().slice(-40).join('\n')}`);
      throw error;
    }
  });
});
