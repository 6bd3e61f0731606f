import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { clientFrame, closePayload } from './client-frames.js';
import { RawClient, closeOf } from './raw-client.js';
import { startServer } from './start.js';
import { TestClient } from './test-client.js';

/**
 * The server's own WebSocket layer (src/websocket/) against real clients: the `ws` library (what
 * the tests and the load tool use) and a bare TCP client for what no library sends.
 */

type Started = Awaited<ReturnType<typeof startServer>>;
let started: Started | undefined;
const raws: RawClient[] = [];
const clients: TestClient[] = [];

async function boot(env?: Record<string, string>): Promise<Started> {
  started = await startServer(env);
  return started;
}
const port = () => Number(new URL(started!.base).port);
async function raw(): Promise<RawClient> {
  const c = await RawClient.connect(port());
  raws.push(c);
  return c;
}
async function client(options?: ConstructorParameters<typeof WebSocket>[2]): Promise<TestClient> {
  const c = await TestClient.open(started!.wsUrl, options);
  clients.push(c);
  return c;
}
const text = (message: object | string) => clientFrame({ opcode: 1, payload: typeof message === 'string' ? message : JSON.stringify(message) });
const json = (frame: { payload: Buffer } | undefined) => JSON.parse(frame!.payload.toString('utf8')) as { type: string; [key: string]: unknown };

afterEach(async () => {
  for (const c of raws.splice(0)) c.socket.destroy();
  for (const c of clients.splice(0)) c.ws.terminate();
  await started?.close();
  started = undefined;
});

describe('opening handshake', () => {
  it('answers a valid upgrade with 101 and the Sec-WebSocket-Accept of RFC 6455 §4.2.2', async () => {
    await boot();
    const key = 'dGhlIHNhbXBsZSBub25jZQ==';
    const answer = await (await raw()).handshake({ 'Sec-WebSocket-Key': key });
    expect(answer.status).toBe(101);
    expect(answer.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(answer.headers['sec-websocket-accept']).toBe(createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64'));
    expect(answer.headers['sec-websocket-extensions']).toBeUndefined();
  });

  it.each([
    ['no Sec-WebSocket-Key', { 'Sec-WebSocket-Key': null }, 400],
    ['a key that is not 16 bytes of base64', { 'Sec-WebSocket-Key': 'c2hvcnQ=' }, 400],
    ['no Sec-WebSocket-Version', { 'Sec-WebSocket-Version': null }, 400],
    ['Upgrade to another protocol', { Upgrade: 'h2c' }, 400],
  ])('refuses %s with %i', async (_name, overrides, status) => {
    await boot();
    const c = await raw();
    expect((await c.handshake(overrides)).status).toBe(status);
    await c.closed;
  });

  it('refuses another protocol version with 426 and names version 13', async () => {
    await boot();
    const answer = await (await raw()).handshake({ 'Sec-WebSocket-Version': '8' });
    expect(answer.status).toBe(426);
    expect(answer.headers['sec-websocket-version']).toBe('13');
  });

  it('refuses a POST upgrade with 405', async () => {
    await boot();
    expect((await (await raw()).handshake({ 'Content-Length': '0' }, 'POST /ws HTTP/1.1')).status).toBe(405);
  });

  it('a refused handshake does not hold one of the address’s connection slots', async () => {
    await boot({ MAX_CONNECTIONS_PER_IP: '1' });
    for (let i = 0; i < 3; i++) expect((await (await raw()).handshake({ 'Sec-WebSocket-Version': '7' })).status).toBe(426);
    expect((await (await raw()).handshake()).status).toBe(101);
  });

  it('confirms the first subprotocol a client offers, so a client that asks for one can open', async () => {
    await boot();
    const withProtocol = new WebSocket(started!.wsUrl, ['confab.v1', 'other']);
    await new Promise((resolve, reject) => {
      withProtocol.once('open', resolve);
      withProtocol.once('error', reject);
    });
    expect(withProtocol.protocol).toBe('confab.v1');
    withProtocol.terminate();
  });
});

describe('frames', () => {
  it('a frame dribbled one byte per TCP write is read', async () => {
    await boot();
    const c = await raw();
    await c.handshake();
    const frame = text({ type: 'hello', v: 1 });
    for (const byte of frame) {
      c.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(json(await c.nonPingFrame()).type).toBe('welcome');
  });

  it('frames sent in the same TCP write as the handshake, and several in one write, are all read in order', async () => {
    await boot();
    const c = await raw();
    await c.handshake();
    c.write(Buffer.concat([text({ type: 'hello', v: 1 }), text({ type: 'ping', rid: '1' }), text({ type: 'ping', rid: '2' })]));
    expect(json(await c.nonPingFrame()).type).toBe('welcome');
    expect(json(await c.nonPingFrame())).toEqual({ type: 'pong', re: '1' });
    expect(json(await c.nonPingFrame())).toEqual({ type: 'pong', re: '2' });
  });

  it('a fragmented message from a ws client is handled as one', async () => {
    await boot();
    const c = await client();
    await c.hello();
    const message = JSON.stringify({ type: 'ping', rid: 'in-pieces' });
    c.ws.send(message.slice(0, 5), { fin: false });
    c.ws.send(message.slice(5, 20), { fin: false });
    c.ws.send(message.slice(20), { fin: true });
    expect(await c.next('pong')).toEqual({ type: 'pong', re: 'in-pieces' });
  });

  it('a ping from the client is answered with a pong carrying its payload', async () => {
    await boot();
    const c = await client();
    const pong = new Promise<string>((resolve) => c.ws.once('pong', (data) => resolve(String(data))));
    c.ws.ping('are you there');
    expect(await pong).toBe('are you there');
  });

  it('an unmasked frame fails the connection: a 1002 close frame, then the server closes TCP', async () => {
    await boot();
    const c = await raw();
    await c.handshake();
    c.write(clientFrame({ opcode: 1, payload: '{"type":"hello","v":1}', mask: null }));
    expect(closeOf(await c.nonPingFrame())?.code).toBe(1002);
    await c.closed;
  });

  it('reserved bits close with 1002', async () => {
    await boot();
    const c = await raw();
    await c.handshake();
    c.write(clientFrame({ opcode: 1, payload: '{}', rsv: 4 }));
    expect(closeOf(await c.nonPingFrame())?.code).toBe(1002);
  });

  it('invalid UTF-8 in a text message closes with 1007; other connections carry on', async () => {
    await boot();
    const bystander = await client();
    const c = await client();
    c.ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    expect((await c.closed).code).toBe(1007);
    expect(await bystander.hello()).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('closing', () => {
  it('a client’s close is answered with its code and the server closes TCP; the room hears peer-left at once', async () => {
    await boot({ RESUME_GRACE_MS: '60000' });
    const ann = await client();
    await ann.enter('r', 'Ann');
    const bob = await raw();
    await bob.handshake();
    bob.write(Buffer.concat([text({ type: 'hello', v: 1 }), text({ type: 'join', room: 'r', name: 'Bob' })]));
    expect(json(await bob.nonPingFrame()).type).toBe('welcome');
    const joined = json(await bob.nonPingFrame());
    expect(joined.type).toBe('joined');
    await ann.next('peer-joined');
    bob.write(clientFrame({ opcode: 8, payload: closePayload(4000, 'leaving') }));
    expect(closeOf(await bob.nonPingFrame())?.code).toBe(4000);
    await bob.closed;
    // With a minute of resume grace, only a clean close tells the room at once.
    expect(await ann.next('peer-left')).toMatchObject({ reason: 'disconnected' });
  });

  it('a server-initiated close (hello timeout) carries its code and reason', async () => {
    await boot({ HELLO_TIMEOUT_MS: '100' });
    const c = await raw();
    await c.handshake();
    expect(closeOf(await c.nonPingFrame())).toEqual({ code: 1008, reason: 'hello timeout' });
    c.write(clientFrame({ opcode: 8, payload: closePayload(1008) }));
    await c.closed;
  });
});
