import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useTestServer } from './test-server.js';

const server = useTestServer();
const { boot } = server;
const client = () => server.client();

describe('signaling over ws', () => {
  it('two clients meet in a room and relay offer and candidates to each other', async () => {
    await boot();
    const ann = await client();
    const bob = await client();
    const annId = await ann.enter('r1', 'Ann');
    const bobId = await bob.enter('r1', 'Bob');
    expect((await ann.next('peer-joined')).peer).toEqual({ id: bobId, name: 'Bob', media: { audio: true, video: true } });

    bob.send({ type: 'signal', to: annId, data: { description: { type: 'offer', sdp: 'v=0\r\n' } } });
    bob.send({ type: 'signal', to: annId, data: { candidate: null } });
    expect(await ann.next('signal')).toEqual({ type: 'signal', from: bobId, data: { description: { type: 'offer', sdp: 'v=0\r\n' } } });
    expect(await ann.next('signal')).toEqual({ type: 'signal', from: bobId, data: { candidate: null } });
  });

  it('closing a socket tells the room peer-left at once', async () => {
    await boot();
    const ann = await client();
    const bob = await client();
    await ann.enter('r1', 'Ann');
    const bobId = await bob.enter('r1', 'Bob');
    bob.close();
    expect(await ann.next('peer-left', 1000)).toEqual({ type: 'peer-left', peerId: bobId, reason: 'disconnected' });
  });

  it('the fifth person is told ROOM_FULL', async () => {
    await boot();
    for (let i = 0; i < 4; i++) await (await client()).enter('r', `P${i}`);
    const fifth = await client();
    await fifth.hello();
    fifth.send({ type: 'join', room: 'r', name: 'Eve', rid: 'j' });
    expect(await fifth.next('error')).toMatchObject({ code: 'ROOM_FULL', re: { type: 'join', rid: 'j' } });
  });

  it('MAX_PEERS sets the capacity', async () => {
    await boot({ MAX_PEERS: '2' });
    await (await client()).enter('r', 'A');
    const b = await client();
    await b.hello();
    b.send({ type: 'join', room: 'r', name: 'B' });
    expect(await b.next('joined')).toMatchObject({ maxPeers: 2 });
    const c = await client();
    await c.hello();
    c.send({ type: 'join', room: 'r', name: 'C' });
    expect(await c.next('error')).toMatchObject({ code: 'ROOM_FULL' });
  });

  it('with resume off, a silent client (no pongs) is dropped by the heartbeat and its room hears peer-left', async () => {
    await boot({ HEARTBEAT_INTERVAL_MS: '100', HEARTBEAT_TIMEOUT_MS: '300', RESUME_GRACE_MS: '0' });
    const ann = await client();
    await ann.enter('r', 'Ann');
    const mute = await server.client({ autoPong: false });
    const muteId = await mute.enter('r', 'Mute');
    await ann.next('peer-joined');
    expect(await ann.next('peer-left', 2000)).toEqual({ type: 'peer-left', peerId: muteId, reason: 'disconnected' });
    expect((await mute.closed).code).toBe(1006);
  });
});

describe('bad input', () => {
  it('a frame over the size limit closes that socket with 1009 and nobody else notices', async () => {
    await boot({ MAX_MESSAGE_BYTES: '4096' });
    const ann = await client();
    const bob = await client();
    const annId = await ann.enter('r', 'Ann');
    await bob.enter('r', 'Bob');
    ann.drain();
    const eve = await client();
    await eve.enter('other', 'Eve');
    eve.send('x'.repeat(5000));
    expect((await eve.closed).code).toBe(1009);
    bob.send({ type: 'signal', to: annId, data: { candidate: null } });
    expect(await ann.next('signal')).toMatchObject({ data: { candidate: null } });
  });

  it('a frame of exactly 64 KiB by default is accepted, one byte more is not', async () => {
    await boot();
    const a = await client();
    await a.hello();
    const filler = (n: number) => JSON.stringify({ type: 'ping', rid: 'x' }).replace('"x"', `"x"${' '.repeat(n)}`);
    const base = filler(0).length;
    a.send(filler(64 * 1024 - base));
    expect(await a.next('pong')).toEqual({ type: 'pong', re: 'x' });
    a.send(filler(64 * 1024 - base + 1));
    expect((await a.closed).code).toBe(1009);
  });

  it('a binary frame is answered with BINARY_NOT_SUPPORTED and the socket stays usable', async () => {
    await boot();
    const a = await client();
    a.ws.send(Buffer.from([0xde, 0xad]), { binary: true });
    expect(await a.next('error')).toMatchObject({ code: 'BINARY_NOT_SUPPORTED' });
    expect(await a.hello()).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('garbage of every kind gets coded errors and never disturbs another room', async () => {
    await boot();
    const ann = await client();
    const bob = await client();
    const annId = await ann.enter('calm', 'Ann');
    const bobId = await bob.enter('calm', 'Bob');
    await ann.next('peer-joined');
    const eve = await client();
    const eveId = await eve.enter('chaos', 'Eve');
    const garbage = [
      '{',
      'null',
      '[]',
      '"str"',
      '{"type":"nope"}',
      JSON.stringify({ type: 'signal', to: annId, data: { candidate: null } }),
      JSON.stringify({ type: 'signal', to: annId, from: bobId, data: { candidate: null } }),
      JSON.stringify({ type: 'join', room: 'calm', name: 'Eve' }),
      JSON.stringify({ type: 'hello', v: 1 }),
      '['.repeat(60_000),
      JSON.stringify({ type: 'join', room: 'x'.repeat(1000), name: 'E' }),
    ];
    for (const g of garbage) eve.send(g);
    const codes = [];
    for (let i = 0; i < garbage.length; i++) codes.push((await eve.next('error')).code);
    expect(codes).toEqual([
      'INVALID_JSON',
      'INVALID_MESSAGE',
      'INVALID_MESSAGE',
      'INVALID_MESSAGE',
      'UNKNOWN_TYPE',
      'PEER_NOT_FOUND',
      'INVALID_MESSAGE',
      'ALREADY_IN_ROOM',
      'ALREADY_HELLO',
      'INVALID_JSON',
      'INVALID_ROOM',
    ]);
    bob.send({ type: 'signal', to: annId, data: { candidate: null } });
    expect(await ann.next('signal')).toEqual({ type: 'signal', from: bobId, data: { candidate: null } });
    expect(ann.drain()).toEqual([]);
    expect(eveId).not.toBe(annId);
  });
});

describe('http', () => {
  it('GET /healthz reports status, connections and rooms', async () => {
    await boot();
    await (await client()).enter('r', 'Ann');
    const res = await fetch(`${server.started.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', connections: 1, rooms: 1 });
  });

  it('serves the app at / and at /r/<room>, with security headers', async () => {
    await boot();
    for (const path of ['/', '/r/standup', '/call']) {
      const res = await fetch(`${server.started.base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Confab</title>');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves hashed assets as immutable and 404s a missing one', async () => {
    await boot();
    const asset = await fetch(`${server.started.base}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.started.base}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the app directory', async () => {
    await boot();
    for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await fetch(`${server.started.base}${path}`);
      const body = await res.text();
      expect(body).not.toContain('root:');
    }
  });

  it('a WebSocket upgrade on another path is refused', async () => {
    await boot();
    const ws = new WebSocket(server.started.wsUrl.replace('/ws', '/nope'));
    const err = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(err.message).toContain('404');
  });

  it('shutdown closes every socket with 1012 (service restart) so clients reconnect and resume', async () => {
    await boot();
    const a = await client();
    await a.enter('r', 'Ann');
    await server.started.close();
    expect((await a.closed).code).toBe(1012);
  });
});
