import { afterAll, describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { turnCredential } from '../packages/server/src/ice-servers.js';
import type { ServerMessage } from '../packages/protocol/src/index.js';
import { expectFramesAdvancing } from './harness/media.js';
import type { ServerEnv } from './harness/server.js';
import { beforeAllOrFailEach, useBrowser, useServerAndStage } from './harness/suite.js';
import { joinAndEnter, openLobby, uniqueRoom } from './harness/ui.js';
import { sleep } from './harness/wait.js';
import { connectedPcs, enterTracked, expectRouteBadge, isRelayed, relayOnlyCheckbox } from './turn/call.js';
import { startCoturn, type Coturn } from './turn/coturn.js';
import { peerConnections, restartIce, trackPeerConnections } from './turn/peer-stats.js';
import { allocateWith, TurnClient } from './turn/turn-client.js';

/**
 * STUN/TURN end to end, against a real coturn on loopback (`--allow-loopback-peers`, for tests
 * only): the credentials Confab mints, relay-only calls, the "Hide my IP address" setting, the
 * route badge, the /check page, and credentials refreshed in the middle of a call.
 * The test where two browsers cannot reach each other at all is turn-netns.test.ts.
 */

const browser = useBrowser();

/** A TTL short enough that a test sees the refresh (at 80%: 16 s) and the expiry. */
const SHORT_TTL_SECONDS = 20;
const ALLOCATE_SUCCESS = /incoming packet ALLOCATE processed, success/;

/** A coturn for the describe block, and the server environment that points at it. */
function useCoturn(env: ServerEnv): () => Coturn {
  let coturn: Coturn | undefined;
  beforeAllOrFailEach(async () => {
    coturn = await startCoturn({ allowLoopbackPeers: true });
    Object.assign(env, { TURN_URLS: coturn.url, TURN_SECRET: coturn.secret });
  });
  afterAll(async () => {
    await coturn?.stop();
  });
  return () => {
    if (!coturn) throw new Error('coturn did not start');
    return coturn;
  };
}

/** The `welcome` a fresh connection to the server gets, over a real WebSocket. */
async function welcomeFrom(baseUrl: string): Promise<Extract<ServerMessage, { type: 'welcome' }>> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  try {
    return await new Promise((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1 })));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as ServerMessage;
        if (msg.type === 'welcome') resolve(msg);
      });
      ws.once('error', reject);
    });
  } finally {
    ws.close();
  }
}

function turnServerOf(welcome: { iceServers: { urls: string | string[]; username?: string; credential?: string }[] }) {
  const turn = welcome.iceServers.find((s) => [s.urls].flat().some((u) => u.startsWith('turn:')));
  if (!turn?.username || !turn.credential) throw new Error(`no TURN server in welcome: ${JSON.stringify(welcome)}`);
  return { username: turn.username, credential: turn.credential };
}

describe('TURN credentials, checked by coturn itself', () => {
  const env: ServerEnv = {};
  const coturn = useCoturn(env);
  const { server } = useServerAndStage(browser, env);
  const clients: TurnClient[] = [];
  const client = async () => {
    const c = await TurnClient.open(coturn().host, coturn().port);
    clients.push(c);
    return c;
  };
  afterAll(() => {
    for (const c of clients) c.close();
  });

  test('the credential in welcome opens an allocation', async () => {
    const welcome = await welcomeFrom(server().url);
    const { username, credential } = turnServerOf(welcome);
    expect(username).toMatch(new RegExp(`^\\d+:${welcome.peerId}$`));
    const { answer } = await allocateWith(await client(), username, credential);
    expect(answer).toMatchObject({ kind: 'success', relayed: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    expect(coturn().grep(new RegExp(`user <${username}>: incoming packet ALLOCATE processed, success`))).toHaveLength(1);
  });

  test('an expired credential is refused with 401, and a valid one stops working once it expires', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = turnCredential(coturn().secret, 'eve', now - 60);
    expect((await allocateWith(await client(), expired.username, expired.credential)).answer).toMatchObject({ kind: 'error', code: 401 });

    const shortLived = turnCredential(coturn().secret, 'eve', now + 2);
    expect((await allocateWith(await client(), shortLived.username, shortLived.credential)).answer.kind).toBe('success');
    await sleep((now + 3) * 1000 - Date.now());
    expect((await allocateWith(await client(), shortLived.username, shortLived.credential)).answer).toMatchObject({
      kind: 'error',
      code: 401,
    });
  });

  test('a tampered credential is refused with 401', async () => {
    const { username, credential } = turnServerOf(await welcomeFrom(server().url));
    const [expiry, peerId] = username.split(':');
    // A longer life, keeping the HMAC of the real username.
    const extended = `${Number(expiry) + 86_400}:${peerId}`;
    expect((await allocateWith(await client(), extended, credential)).answer).toMatchObject({ kind: 'error', code: 401 });
    // Someone else's name, same HMAC.
    expect((await allocateWith(await client(), `${expiry}:mallory`, credential)).answer).toMatchObject({ kind: 'error', code: 401 });
    // The HMAC itself changed.
    const flipped = `${credential[0] === 'A' ? 'B' : 'A'}${credential.slice(1)}`;
    expect((await allocateWith(await client(), username, flipped)).answer).toMatchObject({ kind: 'error', code: 401 });
    // Minted with another secret.
    const forged = turnCredential('not-the-secret-not-the-secret-000', peerId!, Number(expiry));
    expect((await allocateWith(await client(), forged.username, forged.credential)).answer).toMatchObject({ kind: 'error', code: 401 });
    // …while the real one still works.
    expect((await allocateWith(await client(), username, credential)).answer.kind).toBe('success');
  });

  test('an allocation request that reuses a stale or invented nonce is not granted', async () => {
    const { username, credential } = turnServerOf(await welcomeFrom(server().url));
    const c = await client();
    const challenge = await c.allocateUnauthenticated();
    const answer = await c.allocate({ username, password: credential, realm: challenge.realm!, nonce: '0123456789abcdef' });
    expect(answer.kind).toBe('error');
    expect([401, 438]).toContain(answer.code);
  });
});

describe('the shipped coturn config (deploy/coturn/turnserver.conf)', () => {
  const CONFIG = fileURLToPath(new URL('../deploy/coturn/turnserver.conf', import.meta.url));
  let coturn: Coturn | undefined;
  let client: TurnClient | undefined;
  beforeAllOrFailEach(async () => {
    // Its addresses, secret, realm and logging are overridden on the command line; the rest is as shipped.
    coturn = await startCoturn({ configFile: CONFIG });
  });
  afterAll(async () => {
    client?.close();
    await coturn?.stop();
  });

  test('accepts Confab\'s credentials and refuses to relay to loopback, private, link-local and metadata addresses', async () => {
    const { username, credential } = turnCredential(coturn!.secret, 'ann', Math.floor(Date.now() / 1000) + 600);
    client = await TurnClient.open(coturn!.host, coturn!.port);
    const { answer, credentials } = await allocateWith(client, username, credential);
    expect(answer.kind).toBe('success');
    // A permission sends nothing to the peer: no packet leaves this machine.
    const denied = ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '100.64.0.1', '169.254.169.254', '169.254.1.1', '0.1.2.3'];
    for (const peer of denied) {
      expect(await client.createPermission(credentials, peer), peer).toMatchObject({ kind: 'error', code: 403 });
    }
    for (const peer of ['198.51.100.7', '203.0.113.9']) {
      expect(await client.createPermission(credentials, peer), peer).toMatchObject({ kind: 'success' });
    }
  });
});

describe('a call with ICE_TRANSPORT_POLICY=relay', () => {
  const env: ServerEnv = { ICE_TRANSPORT_POLICY: 'relay' };
  const coturn = useCoturn(env);
  const { stage } = useServerAndStage(browser, env);

  test('two people connect through TURN only: relay candidates on the selected pair, frames advancing, allocations in coturn\'s log', async () => {
    const room = uniqueRoom('relay');
    const ann = await enterTracked(stage, 'ann', room);
    const bob = await enterTracked(stage, 'bob', room);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');

    for (const person of [ann, bob]) {
      const [pc] = await connectedPcs(person.page);
      expect(pc!.iceTransportPolicy).toBe('relay');
      // Not one host or srflx candidate was even gathered.
      expect(new Set(pc!.localTypes)).toEqual(new Set(['relay']));
      expect(pc!.local).toMatchObject({ candidateType: 'relay', address: coturn().host });
      expect(pc!.remote?.address).toBe(coturn().host);
      // Each side allocated with its own minted username.
      const username = pc!.turnUsernames[0]!;
      expect(coturn().grep(new RegExp(`user <${username}>: ${ALLOCATE_SUCCESS.source}`)).length).toBeGreaterThan(0);
    }
    await expectRouteBadge(ann.page, 'bob', 'Relayed (TURN)');
    await expectRouteBadge(bob.page, 'ann', 'Relayed (TURN)');
  });

  test('the connection check finds host and relay candidates', async () => {
    const eve = await stage.person('eve');
    await eve.page.goto(`${stage.url}/check`);
    for (const kind of ['host', 'relay']) {
      await eve.page.locator(`[data-testid="check-${kind}"][data-status="works"]`).waitFor({ timeout: 20_000 });
    }
    await expect(eve.page.getByTestId('check-relay').textContent()).resolves.toContain('The TURN relay works');
  });
});

describe('TURN available, policy "all"', () => {
  const env: ServerEnv = {};
  const coturn = useCoturn(env);
  const { stage } = useServerAndStage(browser, env);

  test('two people on one machine connect directly, and their tiles say "Direct"', async () => {
    const room = uniqueRoom('direct');
    const ann = await enterTracked(stage, 'ann', room);
    const bob = await enterTracked(stage, 'bob', room);
    await expectFramesAdvancing(bob.page, 'ann');
    const [pc] = await connectedPcs(ann.page);
    expect(isRelayed(pc!, coturn().host)).toBe(false);
    await expectRouteBadge(ann.page, 'bob', 'Direct');
    await expectRouteBadge(bob.page, 'ann', 'Direct');
  });

  test('"Hide my IP address" sends that person\'s media through TURN, and is remembered', async () => {
    const room = uniqueRoom('hide-ip');
    const ann = await enterTracked(stage, 'ann', room, { relayOnly: true });
    const bob = await enterTracked(stage, 'bob', room);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');

    const [annPc] = await connectedPcs(ann.page);
    expect(annPc!.iceTransportPolicy).toBe('relay');
    expect(new Set(annPc!.localTypes)).toEqual(new Set(['relay']));
    const [bobPc] = await connectedPcs(bob.page);
    expect(bobPc!.iceTransportPolicy).toBe('all');
    // bob only ever learns the relay's address for ann.
    expect(bobPc!.remote?.address).toBe(coturn().host);
    await expectRouteBadge(ann.page, 'bob', 'Relayed (TURN)');
    await expectRouteBadge(bob.page, 'ann', 'Relayed (TURN)');

    const later = await stage.person('ann-later');
    await openLobby(later.page, stage.url, room, 'ann');
    expect(await relayOnlyCheckbox(later.page).isChecked()).toBe(false); // another browser profile
    await ann.page.goto(`${stage.url}/r/${room}`);
    expect(await relayOnlyCheckbox(ann.page).isChecked()).toBe(true);
  });
});

describe(`credentials that expire during a call (TURN_TTL=${SHORT_TTL_SECONDS})`, () => {
  const env: ServerEnv = { ICE_TRANSPORT_POLICY: 'relay', TURN_TTL: String(SHORT_TTL_SECONDS) };
  const coturn = useCoturn(env);
  const { stage } = useServerAndStage(browser, env);

  test('each person gets fresh credentials before theirs expire, and the call never drops', async () => {
    const room = uniqueRoom('refresh');
    const refreshes = new Map<string, string[]>();
    const ann = await stage.person('ann');
    const bob = await stage.person('bob');
    for (const person of [ann, bob]) {
      refreshes.set(person.name, []);
      person.page.on('websocket', (ws) =>
        ws.on('framereceived', ({ payload }) => {
          const msg = JSON.parse(String(payload)) as ServerMessage;
          if (msg.type === 'ice-servers') refreshes.get(person.name)!.push(turnServerOf(msg).username);
        }),
      );
    }
    for (const person of [ann, bob]) await trackPeerConnections(person.context);
    await joinAndEnter(ann.page, stage.url, room, 'ann');
    await joinAndEnter(bob.page, stage.url, room, 'bob');
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
    const [annBefore] = await connectedPcs(ann.page);
    const [bobBefore] = await connectedPcs(bob.page);
    const firstUsername = annBefore!.turnUsernames[0]!;
    const expiries = [annBefore!, bobBefore!].map((pc) => Number(pc.turnUsernames[0]!.split(':')[0]));
    const lastExpiry = Math.max(...expiries);

    // Past the expiry of the credentials both joined with (the refreshes come at 80% of the TTL).
    await sleep(lastExpiry * 1000 + 1_000 - Date.now());
    for (const person of [ann, bob]) {
      const got = refreshes.get(person.name)!;
      expect(got.length, `${person.name} got ice-servers`).toBeGreaterThan(0);
      const [pc] = await connectedPcs(person.page);
      // Applied to the open connection, with a later expiry than the welcome's.
      expect(pc!.turnUsernames).toEqual([got.at(-1)]);
      expect(Number(got.at(-1)!.split(':')[0])).toBeGreaterThan(Date.now() / 1000);
    }
    // The original credentials have expired and the call is still up, still relayed.
    expect(Date.now() / 1000).toBeGreaterThan(lastExpiry);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');

    // A new allocation now needs the fresh credentials: an ICE restart makes one, and the call goes on.
    await restartIce(ann.page);
    const freshUsername = refreshes.get('ann')!.at(-1)!;
    await expect
      .poll(() => coturn().grep(new RegExp(`user <${freshUsername}>: ${ALLOCATE_SUCCESS.source}`)).length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(async () => (await peerConnections(ann.page))[0]?.local?.port, { timeout: 15_000 })
      .not.toBe(annBefore!.local!.port);
    const [annAfter] = await connectedPcs(ann.page);
    expect(annAfter!.local?.candidateType).toBe('relay');
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
    // No allocation was ever refused for an expired username.
    expect(coturn().grep(new RegExp(`user <${firstUsername}>: .*error 401`))).toEqual([]);
  });
});
