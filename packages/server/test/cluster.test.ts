import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer } from './redis-server.js';
import { startServer } from './start.js';
import { TestClient } from './test-client.js';

type Node = Awaited<ReturnType<typeof startServer>>;
let redis: RedisServer;
const nodes: Node[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await Promise.all(nodes.splice(0).map((n) => n.close()));
});

async function node(env: Record<string, string> = {}): Promise<Node> {
  const n = await startServer({ REDIS_URL: redis.url, REDIS_PREFIX: `t${Date.now()}${Math.random()}:`.replace('.', ''), ...env });
  nodes.push(n);
  return n;
}
async function cluster(count: number, env: Record<string, string> = {}): Promise<Node[]> {
  const prefix = `t${Math.random().toString(36).slice(2)}:`;
  return Promise.all(Array.from({ length: count }, () => node({ REDIS_PREFIX: prefix, ...env })));
}
async function client(n: Node): Promise<TestClient> {
  const c = await TestClient.open(n.wsUrl);
  clients.push(c);
  return c;
}

describe('several nodes over Redis', () => {
  it('50 people joining a 4-seat room at once through 3 nodes: exactly 4 get in', async () => {
    const three = await cluster(3);
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => client(three[i % 3]!)));
    await Promise.all(people.map((p) => p.hello()));
    for (const [i, p] of people.entries()) p.send({ type: 'join', room: 'crowded', name: `P${i}` });
    const answers = await Promise.all(people.map((p) => p.next(undefined, 5000)));
    expect(answers.filter((m) => m.type === 'joined')).toHaveLength(4);
    expect(answers.filter((m) => m.type === 'error' && m.code === 'ROOM_FULL')).toHaveLength(46);
  });

  it('a lobby visitor on one node prepares in a room on another: signals both ways, then join converts it', async () => {
    const [a, b] = await cluster(2);
    const ann = await client(a!);
    const vic = await client(b!);
    const annId = await ann.enter('x-lobby', 'Ann');
    const vicId = await vic.hello();
    vic.send({ type: 'prepare', room: 'x-lobby', name: 'Vic' });
    expect((await vic.next('prepared')).peers.map((p) => p.id)).toEqual([annId]);
    expect((await ann.next('peer-preparing')).peer.id).toBe(vicId);
    vic.send({ type: 'signal', to: annId, data: { candidate: null } });
    expect(await ann.next('signal')).toEqual({ type: 'signal', from: vicId, data: { candidate: null } });
    ann.send({ type: 'signal', to: vicId, data: { candidate: null } });
    expect(await vic.next('signal')).toEqual({ type: 'signal', from: annId, data: { candidate: null } });
    vic.send({ type: 'join', room: 'x-lobby', name: 'Vic' });
    await vic.next('joined');
    expect((await ann.next('peer-joined')).peer.id).toBe(vicId);
    const wen = await client(a!);
    const wenId = await wen.hello();
    wen.send({ type: 'prepare', room: 'x-lobby', name: 'Wen' });
    await wen.next('prepared');
    wen.ws.terminate();
    expect(await vic.next('peer-unprepared')).toEqual({ type: 'peer-unprepared', peerId: wenId });
  });

  it('12 lobby visitors preparing at once through 3 nodes: exactly the cap (2 × MAX_PEERS) get in', async () => {
    const three = await cluster(3, { MAX_PEERS: '2' });
    const ann = await client(three[0]!);
    await ann.enter('x-crowded-lobby', 'Ann');
    const visitors = await Promise.all(Array.from({ length: 12 }, (_, i) => client(three[i % 3]!)));
    await Promise.all(visitors.map((v) => v.hello()));
    for (const [i, v] of visitors.entries()) v.send({ type: 'prepare', room: 'x-crowded-lobby', name: `V${i}` });
    const answers = await Promise.all(visitors.map((v) => v.next(undefined, 5000)));
    expect(answers.filter((m) => m.type === 'prepared')).toHaveLength(4);
    expect(answers.filter((m) => m.type === 'error' && m.code === 'LOBBY_FULL')).toHaveLength(8);
  });

  it('people on different nodes meet, relay signals both ways, and see each other leave', async () => {
    const [a, b] = await cluster(2);
    const ann = await client(a!);
    const bob = await client(b!);
    const annId = await ann.enter('x-node', 'Ann');
    const bobId = await bob.enter('x-node', 'Bob');
    expect((await ann.next('peer-joined')).peer.id).toBe(bobId);
    bob.send({ type: 'signal', to: annId, data: { description: { type: 'offer', sdp: 'v=0' } } });
    expect(await ann.next('signal')).toEqual({ type: 'signal', from: bobId, data: { description: { type: 'offer', sdp: 'v=0' } } });
    ann.send({ type: 'signal', to: bobId, data: { description: { type: 'answer', sdp: 'v=0' } } });
    expect(await bob.next('signal')).toMatchObject({ from: annId });
    bob.close();
    expect(await ann.next('peer-left')).toEqual({ type: 'peer-left', peerId: bobId, reason: 'disconnected' });
  });

  it('10,000 signals between peers on different nodes arrive complete and in order', async () => {
    const [a, b] = await cluster(2, { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000' });
    const ann = await client(a!);
    const bob = await client(b!);
    const annId = await ann.enter('ordered', 'Ann');
    await bob.enter('ordered', 'Bob');
    await ann.next('peer-joined');
    for (let i = 0; i < 10_000; i++) bob.send({ type: 'signal', to: annId, data: { candidate: { candidate: `candidate:${i}` } } });
    for (let i = 0; i < 10_000; i++) {
      const m = await ann.next('signal', 10_000);
      const candidate = 'candidate' in m.data ? m.data.candidate?.candidate : undefined;
      if (candidate !== `candidate:${i}`) expect.fail(`signal ${i} arrived as ${JSON.stringify(m.data)}`);
    }
    expect(a!.server.cluster!.bus.gapsDetected).toBe(0);
  }, 60_000);

  it('the directory and a direct call work across nodes, and names are unique across nodes', async () => {
    const [a, b] = await cluster(2);
    const ann = await client(a!);
    const bob = await client(b!);
    const annId = await ann.hello();
    const bobId = await bob.hello();
    ann.send({ type: 'online', name: 'Ann' });
    await ann.next('directory');
    bob.send({ type: 'online', name: 'Bob' });
    expect((await bob.next('directory')).peers).toEqual([{ id: annId, name: 'Ann', busy: false }]);
    expect(await ann.next('directory-update')).toEqual({ type: 'directory-update', peer: { id: bobId, name: 'Bob', busy: false } });

    const impostor = await client(b!);
    await impostor.hello();
    impostor.send({ type: 'online', name: 'ann' });
    expect(await impostor.next('error')).toMatchObject({ code: 'NAME_TAKEN' });

    ann.send({ type: 'invite', to: bobId });
    const { callId } = await ann.next('ringing');
    expect((await bob.next('incoming-call')).from.id).toBe(annId);
    bob.send({ type: 'accept', callId });
    const { room } = await ann.next('call-accepted');
    expect((await bob.next('call-accepted')).room).toBe(room);
    ann.send({ type: 'join', room, name: 'Ann' });
    await ann.next('joined');
    bob.send({ type: 'join', room, name: 'Bob' });
    expect((await bob.next('joined')).peers.map((p) => p.id)).toEqual([annId]);
    ann.send({ type: 'hangup', callId });
    expect(await bob.next('call-ended')).toEqual({ type: 'call-ended', callId, reason: 'hung-up', by: annId });
  });

  it('a lost pub/sub message is detected by its sequence number and resent, in order', async () => {
    const [a, b] = await cluster(2);
    const ann = await client(a!);
    const bob = await client(b!);
    const annId = await ann.enter('gaps', 'Ann');
    await bob.enter('gaps', 'Bob');
    await ann.next('peer-joined');
    const dropped = new Set<number>();
    b!.server.cluster!.bus.dropOutgoing = (seq) => {
      if (seq % 4 !== 2 || dropped.has(seq)) return false;
      dropped.add(seq);
      return true;
    };
    for (let i = 0; i < 20; i++) bob.send({ type: 'signal', to: annId, data: { candidate: { candidate: `candidate:${i}` } } });
    const got = [];
    for (let i = 0; i < 20; i++) got.push((await ann.next('signal', 5000)).data);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => ({ candidate: { candidate: `candidate:${i}` } })));
    expect(dropped.size).toBeGreaterThan(3);
    expect(a!.server.cluster!.bus.gapsDetected).toBeGreaterThan(0);
    expect(b!.server.cluster!.bus.resent).toBeGreaterThanOrEqual(dropped.size);
  });

  it('a lost last message (nothing after it) is noticed through the sender\'s mark and resent', async () => {
    const [a, b] = await cluster(2);
    const ann = await client(a!);
    const bob = await client(b!);
    const annId = await ann.enter('tail', 'Ann');
    await bob.enter('tail', 'Bob');
    await ann.next('peer-joined');
    let dropNext = true;
    b!.server.cluster!.bus.dropOutgoing = () => {
      const drop = dropNext;
      dropNext = false;
      return drop;
    };
    bob.send({ type: 'signal', to: annId, data: { candidate: null } });
    expect(await ann.next('signal', 4000)).toMatchObject({ data: { candidate: null } });
  });

  it('when a node is killed (-9), the others hear peer-left within about 2x the node TTL', async () => {
    const prefix = `t${Math.random().toString(36).slice(2)}:`;
    const ttl = 1000;
    const a = await node({ REDIS_PREFIX: prefix, NODE_TTL_MS: String(ttl) });
    const serverMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--conditions', 'source', '--import', 'tsx', serverMain], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '', REDIS_URL: redis.url, REDIS_PREFIX: prefix, NODE_TTL_MS: String(ttl), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += String(d);
          const m = /"port":(\d+).*"msg":"listening"/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        child.once('exit', (code) => reject(new Error(`node exited ${code}: ${out}`)));
      });
      const ann = await client(a);
      const doomed = await TestClient.open(`ws://127.0.0.1:${port}/ws`);
      clients.push(doomed);
      await ann.enter('fragile', 'Ann');
      const doomedId = await doomed.enter('fragile', 'Doomed');
      await ann.next('peer-joined');
      const killedAt = Date.now();
      child.kill('SIGKILL');
      const left = await ann.next('peer-left', 4 * ttl);
      const took = Date.now() - killedAt;
      expect(left).toEqual({ type: 'peer-left', peerId: doomedId, reason: 'disconnected' });
      expect(took).toBeLessThan(2 * ttl + 1000);
      // The seat is free again: a newcomer joins and sees only Ann.
      const newcomer = await client(a);
      await newcomer.hello();
      newcomer.send({ type: 'join', room: 'fragile', name: 'New' });
      expect((await newcomer.next('joined')).peers.map((p) => p.name)).toEqual(['Ann']);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it('a Redis restart makes nodes report degraded, then they reconnect and write their rooms back', async () => {
    const [a, b] = await cluster(2);
    const ann = await client(a!);
    const bob = await client(b!);
    const annId = await ann.enter('survivor', 'Ann');
    const bobId = await bob.enter('survivor', 'Bob');
    await ann.next('peer-joined');
    // A lobby visitor on node b, prepared before the restart.
    const vic = await client(b!);
    const vicId = await vic.hello();
    vic.send({ type: 'prepare', room: 'survivor', name: 'Vic' });
    await vic.next('prepared');
    await redis.stop();
    await expect.poll(async () => (await fetch(`${a!.base}/healthz`)).status, { timeout: 5000 }).toBe(503);
    expect(await (await fetch(`${a!.base}/healthz`)).json()).toMatchObject({ status: 'degraded', mode: 'redis' });
    await redis.launch(); // same port, empty
    await expect.poll(async () => (await fetch(`${a!.base}/healthz`)).status, { timeout: 10_000 }).toBe(200);
    await expect.poll(async () => (await fetch(`${b!.base}/healthz`)).status, { timeout: 10_000 }).toBe(200);
    // The rooms were rebuilt from the nodes' own state: a newcomer sees both, and relay works.
    const carol = await client(a!);
    await carol.hello();
    carol.send({ type: 'join', room: 'survivor', name: 'Carol' });
    const joined = await carol.next('joined', 5000);
    expect(joined.peers.map((p) => p.id).sort()).toEqual([annId, bobId].sort());
    // The visitor's pending entry was written back too: the newcomer hears of it, and it may
    // still signal the room.
    expect(await carol.next('peer-preparing', 5000)).toMatchObject({ peer: { id: vicId, name: 'Vic' } });
    vic.send({ type: 'signal', to: annId, data: { candidate: null } });
    expect(await ann.next('signal', 5000)).toMatchObject({ from: vicId });
    bob.send({ type: 'signal', to: annId, data: { candidate: null } });
    expect(await ann.next('signal', 5000)).toMatchObject({ from: bobId });
  }, 30_000);
});
