import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientFrame, closePayload } from '../../test/client-frames.js';
import { RawClient, closeOf } from '../../test/raw-client.js';
import { CLOSE_HANDSHAKE_TIMEOUT_MS, CLOSED, CLOSING, OPEN, WebSocketConnection } from './connection.js';
import type { FrameError } from './frame-reader.js';
import { checkHandshake } from './handshake.js';

/** A connection that records what reaches the application. */
class Recorded extends WebSocketConnection {
  readonly texts: string[] = [];
  readonly errors: string[] = [];
  readonly closed: Promise<number>;
  private closedWith!: (code: number) => void;
  constructor(socket: Socket) {
    super(socket, 1024);
    this.closed = new Promise((resolve) => (this.closedWith = resolve));
  }
  protected onText(text: string): void {
    this.texts.push(text);
  }
  protected onBinary(): void {}
  protected onPong(): void {}
  protected onProtocolError(error: FrameError): void {
    this.errors.push(error.code);
  }
  protected onSocketError(): void {}
  protected onClosed(code: number): void {
    this.closedWith(code);
  }
}

let server: Server | undefined;
const raws: RawClient[] = [];

/** A real HTTP server whose upgrades become Recorded connections, and a raw client of it. */
async function connected(): Promise<{ conn: Recorded; client: RawClient }> {
  let accepted!: (conn: Recorded) => void;
  const conn = new Promise<Recorded>((resolve) => (accepted = resolve));
  server = createServer();
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    expect(checkHandshake(req)).toBeUndefined();
    const c = new Recorded(socket);
    c.accept(req, head);
    accepted(c);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const client = await RawClient.connect((server.address() as { port: number }).port);
  raws.push(client);
  expect((await client.handshake()).status).toBe(101);
  return { conn: await conn, client };
}

afterEach(async () => {
  vi.useRealTimers();
  for (const c of raws.splice(0)) c.socket.destroy();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe('WebSocketConnection', () => {
  it('a close the peer answers ends with the peer’s code, the server closing TCP', async () => {
    const { conn, client } = await connected();
    conn.close(1008, 'policy');
    expect(conn.readyState).toBe(CLOSING);
    expect(closeOf(await client.frame())).toEqual({ code: 1008, reason: 'policy' });
    client.write(clientFrame({ opcode: 8, payload: closePayload(1008) }));
    await client.closed;
    expect(await conn.closed).toBe(1008);
    expect(conn.readyState).toBe(CLOSED);
  });

  it('a peer that never answers a close is cut after CLOSE_HANDSHAKE_TIMEOUT_MS and reported as 1006', async () => {
    const { conn, client } = await connected();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    conn.close(1000);
    expect(closeOf(await client.frame())?.code).toBe(1000);
    vi.advanceTimersByTime(CLOSE_HANDSHAKE_TIMEOUT_MS - 1);
    expect(client.ended).toBe(false);
    vi.advanceTimersByTime(1);
    await client.closed;
    expect(await conn.closed).toBe(1006);
  });

  it('a peer that drops TCP without a close frame is reported as 1006', async () => {
    const { conn, client } = await connected();
    client.socket.end();
    expect(await conn.closed).toBe(1006);
  });

  it('nothing is sent after a close: pings are not answered, text is not handed on', async () => {
    const { conn, client } = await connected();
    conn.close(1000);
    client.write(Buffer.concat([clientFrame({ opcode: 9, payload: 'x' }), clientFrame({ opcode: 1, payload: 'late' })]));
    client.write(clientFrame({ opcode: 8, payload: closePayload(1000) }));
    expect(closeOf(await client.frame())?.code).toBe(1000);
    expect(await client.frame()).toBeUndefined();
    expect(conn.texts).toEqual([]);
    expect(await conn.closed).toBe(1000);
  });

  it('a message over its limit fails the connection with 1009 and the error code reaches the application', async () => {
    const { conn, client } = await connected();
    client.write(clientFrame({ opcode: 1, payload: 'a'.repeat(1025) }));
    expect(closeOf(await client.frame())?.code).toBe(1009);
    await client.closed;
    expect(conn.errors).toEqual(['WS_MESSAGE_TOO_BIG']);
    expect(await conn.closed).toBe(1006);
  });

  it('is OPEN until then, and keepalive pings go out as empty ping frames', async () => {
    const { conn, client } = await connected();
    expect(conn.readyState).toBe(OPEN);
    conn.ping();
    expect(await client.frame()).toEqual({ opcode: 9, fin: true, payload: Buffer.alloc(0) });
  });
});
