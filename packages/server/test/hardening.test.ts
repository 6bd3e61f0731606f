import { connect as tcpConnect, type Socket } from 'node:net';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServer } from './start.js';
import { TestClient } from './test-client.js';

type Started = Awaited<ReturnType<typeof startServer>>;
let started: Started | undefined;
const clients: TestClient[] = [];
const sockets: Socket[] = [];

async function boot(env?: Record<string, string>) {
  started = await startServer(env);
  return started;
}
async function client(options?: ConstructorParameters<typeof WebSocket>[2]): Promise<TestClient> {
  const c = await TestClient.open(started!.wsUrl, options);
  clients.push(c);
  return c;
}
/** A healthy pair still meets and relays after an attack. */
async function healthyPairStillWorks(): Promise<void> {
  const ann = await client();
  const bob = await client();
  const annId = await ann.enter('after-attack', 'Ann');
  const bobId = await bob.enter('after-attack', 'Bob');
  bob.send({ type: 'signal', to: annId, data: { candidate: null } });
  expect(await ann.next('signal')).toEqual({ type: 'signal', from: bobId, data: { candidate: null } });
}
function upgradeStatus(headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(started!.wsUrl, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => {});
  });
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const s of sockets.splice(0)) s.destroy();
  await started?.close();
  started = undefined;
});

describe('rate limit', () => {
  it('a burst over the limit gets one RATE_LIMITED and the connection keeps working', async () => {
    await boot({ RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_BURST: '10' });
    const c = await client();
    await c.hello(); // takes 1 of the 10 tokens
    for (let i = 0; i < 12; i++) c.send({ type: 'ping', rid: String(i) });
    const got = [];
    for (let i = 0; i < 10; i++) got.push(await c.next());
    expect(got.filter((m) => m.type === 'pong')).toHaveLength(9);
    expect(got.filter((m) => m.type === 'error')).toEqual([expect.objectContaining({ code: 'RATE_LIMITED' })]);
    await new Promise((r) => setTimeout(r, 400));
    c.send({ type: 'ping', rid: 'later' });
    expect(await c.next('pong')).toEqual({ type: 'pong', re: 'later' });
  });

  it('sustained flooding closes the connection with 1008, and others are unaffected', async () => {
    await boot({ RATE_LIMIT_PER_SECOND: '10', RATE_LIMIT_BURST: '20' });
    const flooder = await client();
    for (let i = 0; i < 2000 && flooder.ws.readyState === WebSocket.OPEN; i++) flooder.send({ type: 'ping' });
    expect((await flooder.closed).code).toBe(1008);
    await healthyPairStillWorks();
  });
});

describe('connection limits', () => {
  it('MAX_CONNECTIONS_PER_IP refuses the next upgrade with 429 until one closes', async () => {
    await boot({ MAX_CONNECTIONS_PER_IP: '2' });
    const a = await client();
    await client();
    expect(await upgradeStatus()).toBe(429);
    a.close();
    await a.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(await upgradeStatus()).toBe(101);
  });

  it('a client that never says hello is closed with 1008 after HELLO_TIMEOUT_MS', async () => {
    await boot({ HELLO_TIMEOUT_MS: '300' });
    const silent = await client();
    const greeted = await client();
    await greeted.hello();
    expect(await silent.closed).toEqual({ code: 1008, reason: 'hello timeout' });
    expect(greeted.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('a slow reader whose backlog passes MAX_BUFFERED_BYTES is dropped; the sender goes on', async () => {
    await boot({ MAX_BUFFERED_BYTES: '65536', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' });
    const sender = await client();
    const reader = await client();
    await sender.enter('slow', 'Sender');
    const readerId = await reader.enter('slow', 'Reader');
    (reader.ws as unknown as { _socket: Socket })._socket.pause();
    const sdp = 'a'.repeat(40_000);
    for (let i = 0; i < 400 && reader.ws.readyState === WebSocket.OPEN; i++) {
      sender.send({ type: 'signal', to: readerId, data: { description: { type: 'offer', sdp } } });
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect(await sender.next('peer-left', 10_000)).toEqual({ type: 'peer-left', peerId: readerId, reason: 'disconnected' });
    sender.send({ type: 'ping', rid: 'alive' });
    expect(await sender.next('pong')).toEqual({ type: 'pong', re: 'alive' });
  });
});

describe('origins', () => {
  it('ALLOWED_ORIGINS refuses other origins with 403 at the upgrade', async () => {
    await boot({ ALLOWED_ORIGINS: 'https://meet.example.org,https://other.example.org' });
    expect(await upgradeStatus({ Origin: 'https://evil.example.com' })).toBe(403);
    expect(await upgradeStatus({})).toBe(403);
    expect(await upgradeStatus({ Origin: 'https://meet.example.org' })).toBe(101);
  });
});

describe('authentication', () => {
  const SECRET = 'integration-secret-integration-secret';

  it('with AUTH_SECRET, a hello without a token gets AUTH_REQUIRED and a 1008 close', async () => {
    await boot({ AUTH_SECRET: SECRET });
    const c = await client();
    c.send({ type: 'hello', v: 1 });
    expect(await c.next('error')).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect((await c.closed).code).toBe(1008);
  });

  it('with AUTH_SECRET, a valid token joins its granted room', async () => {
    await boot({ AUTH_SECRET: SECRET });
    const token = await new SignJWT({ rooms: ['standup'], name: 'Ann' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    const c = await client();
    c.send({ type: 'hello', v: 1, token });
    await c.next('welcome');
    c.send({ type: 'join', room: 'standup', name: 'whatever' });
    expect(await c.next('joined')).toMatchObject({ self: { name: 'Ann' } });
  });
});

describe('HTTP abuse', () => {
  it('slowloris connections are cut after the headers timeout while healthy requests are served', async () => {
    await boot({ HTTP_HEADERS_TIMEOUT_MS: '800', HTTP_REQUEST_TIMEOUT_MS: '1000' });
    const port = Number(new URL(started!.base).port);
    const closedAt: Promise<number>[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 100; i++) {
      const s = tcpConnect(port, '127.0.0.1');
      sockets.push(s);
      s.on('error', () => {});
      s.resume(); // read the server's 408 so 'close' can fire
      s.write('GET / HTTP/1.1\r\nHost: x\r\n');
      const drip = setInterval(() => s.writable && s.write(`X-Drip-${i}: 1\r\n`), 200);
      closedAt.push(new Promise((resolve) => s.on('close', () => {
        clearInterval(drip);
        resolve(Date.now() - t0);
      })));
    }
    const health = await fetch(`${started!.base}/healthz`);
    expect(health.status).toBe(200);
    const times = await Promise.all(closedAt);
    expect(Math.max(...times)).toBeLessThan(5000);
    await healthyPairStillWorks();
  }, 15_000);

  it('a header flood gets 431 and the server stays up', async () => {
    await boot();
    const port = Number(new URL(started!.base).port);
    const s = tcpConnect(port, '127.0.0.1');
    sockets.push(s);
    const response = new Promise<string>((resolve) => {
      let text = '';
      s.on('data', (d) => (text += String(d)));
      s.on('close', () => resolve(text));
      s.on('error', () => resolve(text));
    });
    s.write('GET / HTTP/1.1\r\nHost: x\r\n');
    for (let i = 0; i < 2000; i++) s.write(`X-Flood-${i}: ${'v'.repeat(40)}\r\n`);
    s.write('\r\n');
    expect(await response).toMatch(/^HTTP\/1\.1 431/);
    expect((await fetch(`${started!.base}/healthz`)).status).toBe(200);
    await healthyPairStillWorks();
  });
});
