import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer } from './redis-server.js';
import { startServer } from './start.js';
import { TestClient } from './test-client.js';

type Started = Awaited<ReturnType<typeof startServer>>;
const servers: Started[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function boot(env: Record<string, string> = {}): Promise<Started> {
  const s = await startServer(env);
  servers.push(s);
  return s;
}
async function client(s: Started): Promise<TestClient> {
  const c = await TestClient.open(s.wsUrl);
  clients.push(c);
  return c;
}
/** Cuts the TCP connection without a close frame, as a network drop does. */
function drop(c: TestClient): void {
  (c.ws as unknown as { _socket: Socket })._socket.destroy();
}
async function helloWith(c: TestClient, resume?: { peerId: string; token: string }) {
  c.send({ type: 'hello', v: 1, ...(resume ? { resume } : {}) });
  return c.next('welcome');
}

describe('resume over real sockets', () => {
  it('a dropped socket resumes with the same id; the others see nothing and a signal sent meanwhile arrives', async () => {
    const s = await boot();
    const ann = await client(s);
    const bob = await client(s);
    const annId = await ann.enter('r', 'Ann');
    const bobWelcome = await helloWith(bob);
    bob.send({ type: 'join', room: 'r', name: 'Bob' });
    await bob.next('joined');
    await ann.next('peer-joined');

    drop(bob);
    await bob.closed;
    await new Promise((r) => setTimeout(r, 100));
    ann.send({ type: 'signal', to: bobWelcome.peerId, data: { description: { type: 'offer', sdp: 'during the drop' } } });

    const bob2 = await client(s);
    const again = await helloWith(bob2, { peerId: bobWelcome.peerId, token: bobWelcome.resumeToken! });
    expect(again).toMatchObject({ peerId: bobWelcome.peerId, resumed: 'seat', room: 'r' });
    expect(await bob2.next('signal')).toEqual({ type: 'signal', from: annId, data: { description: { type: 'offer', sdp: 'during the drop' } } });
    await new Promise((r) => setTimeout(r, 200));
    expect(ann.drain()).toEqual([]);
  });

  it('a clean close is seen by the others at once, with no seat kept', async () => {
    const s = await boot();
    const ann = await client(s);
    const bob = await client(s);
    await ann.enter('r', 'Ann');
    const bobWelcome = await helloWith(bob);
    bob.send({ type: 'join', room: 'r', name: 'Bob' });
    await ann.next('peer-joined');
    bob.close();
    expect(await ann.next('peer-left', 1000)).toMatchObject({ peerId: bobWelcome.peerId });
  });

  it('a seat not reclaimed within RESUME_GRACE_MS is released: the others hear peer-left', async () => {
    const s = await boot({ RESUME_GRACE_MS: '500' });
    const ann = await client(s);
    const bob = await client(s);
    await ann.enter('r', 'Ann');
    const bobId = await bob.enter('r', 'Bob');
    await ann.next('peer-joined');
    drop(bob);
    expect(await ann.next('peer-left', 3000)).toEqual({ type: 'peer-left', peerId: bobId, reason: 'disconnected' });
  });

  it('after a restart that lost all state, clients keep their ids and re-form the room', async () => {
    const stateDir = `/tmp/confab-resume-test-${process.pid}-${Date.now()}`;
    const first = await boot({ STATE_DIR: stateDir });
    const ann = await client(first);
    const w = await helloWith(ann);
    ann.send({ type: 'join', room: 'r', name: 'Ann' });
    await ann.next('joined');
    await first.close();
    const second = await boot({ STATE_DIR: stateDir });
    const ann2 = await client(second);
    const again = await helloWith(ann2, { peerId: w.peerId, token: w.resumeToken! });
    expect(again).toMatchObject({ peerId: w.peerId, resumed: 'id' });
    ann2.send({ type: 'join', room: 'r', name: 'Ann' });
    expect(await ann2.next('joined')).toMatchObject({ self: { id: w.peerId } });
  });
});

describe('resume across nodes', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => redis.stop());

  it('when a node shuts down (1012), its clients resume their seats on a live node without churn', async () => {
    const prefix = `resume${Date.now()}:`;
    const a = await boot({ REDIS_URL: redis.url, REDIS_PREFIX: prefix, NODE_TTL_MS: '1000' });
    const b = await boot({ REDIS_URL: redis.url, REDIS_PREFIX: prefix, NODE_TTL_MS: '1000' });
    const ann = await client(a);
    const bob = await client(b);
    const annId = await ann.enter('moving', 'Ann');
    const bobWelcome = await helloWith(bob);
    bob.send({ type: 'join', room: 'moving', name: 'Bob' });
    await bob.next('joined');
    await ann.next('peer-joined');

    await b.close();
    expect((await bob.closed).code).toBe(1012);
    const bob2 = await client(a);
    const again = await helloWith(bob2, { peerId: bobWelcome.peerId, token: bobWelcome.resumeToken! });
    expect(again).toMatchObject({ peerId: bobWelcome.peerId, resumed: 'seat', room: 'moving' });
    ann.send({ type: 'signal', to: bobWelcome.peerId, data: { candidate: null } });
    expect(await bob2.next('signal')).toEqual({ type: 'signal', from: annId, data: { candidate: null } });
    // Past the dead node's TTL and its reaping, Ann still has heard no peer-left.
    await new Promise((r) => setTimeout(r, 2500));
    expect(ann.drain().filter((m) => m.type === 'peer-left')).toEqual([]);
  }, 20_000);
});
