import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client over a bare TCP socket, for tests that need what no client library sends:
 * malformed handshakes, hand-built frames (test/client-frames.ts), bytes dribbled one at a time,
 * a client that never answers a close. It parses the server's (unmasked) frames itself.
 */

export interface ServerFrame {
  opcode: number;
  fin: boolean;
  payload: Buffer;
}

export interface HandshakeAnswer {
  status: number;
  headers: Record<string, string>;
}

export class RawClient {
  private buffered = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  ended = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.waiter?.();
    });
    socket.on('end', () => {
      this.ended = true;
      this.waiter?.();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.on('close', () => {
      this.ended = true;
      this.waiter?.();
      resolve();
    }));
  }

  static async connect(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  /** Sends an upgrade request (a valid one, with `overrides` applied; null removes a header) and reads the answer's head. */
  async handshake(overrides: Record<string, string | null> = {}, requestLine = 'GET /ws HTTP/1.1'): Promise<HandshakeAnswer> {
    const headers: Record<string, string | null> = {
      Host: 'localhost',
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      ...overrides,
    };
    const lines = Object.entries(headers).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`);
    this.socket.write(`${requestLine}\r\n${lines.join('\r\n')}\r\n\r\n`);
    const end = await this.until(() => {
      const at = this.buffered.indexOf('\r\n\r\n');
      return at >= 0 ? at : undefined;
    });
    if (end === undefined) throw new Error('the connection ended before the answer to the upgrade request');
    const head = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
    this.buffered = this.buffered.subarray(end + 4);
    const status = Number(head[0]!.split(' ')[1]);
    const answer: Record<string, string> = {};
    for (const line of head.slice(1)) {
      const colon = line.indexOf(':');
      answer[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { status, headers: answer };
  }

  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next frame from the server; undefined if the connection ended first. */
  async frame(): Promise<ServerFrame | undefined> {
    const frame = await this.until(() => this.parseFrame() ?? (this.ended ? null : undefined));
    return frame ?? undefined;
  }

  /** The next frame that is not a ping. */
  async nonPingFrame(): Promise<ServerFrame | undefined> {
    for (;;) {
      const frame = await this.frame();
      if (frame?.opcode !== 0x9) return frame;
    }
  }

  private parseFrame(): ServerFrame | undefined {
    const buf = this.buffered;
    if (buf.length < 2) return undefined;
    let length = buf[1]! & 0x7f;
    let at = 2;
    if (length === 126) {
      if (buf.length < 4) return undefined;
      length = buf.readUInt16BE(2);
      at = 4;
    } else if (length === 127) {
      if (buf.length < 10) return undefined;
      length = buf.readUInt32BE(6);
      at = 10;
    }
    if (buf.length < at + length) return undefined;
    this.buffered = buf.subarray(at + length);
    return { opcode: buf[0]! & 0x0f, fin: (buf[0]! & 0x80) !== 0, payload: Buffer.from(buf.subarray(at, at + length)) };
  }

  /** Waits for `check` to give a value (null: give up with undefined). */
  private async until<T>(check: () => T | null | undefined): Promise<T | undefined> {
    for (;;) {
      const value = check();
      if (value === null) return undefined;
      if (value !== undefined) return value;
      if (this.ended) {
        const last = check();
        return last ?? undefined;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = undefined;
    }
  }
}

/** A close frame's code and reason. */
export function closeOf(frame: ServerFrame | undefined): { code: number; reason: string } | undefined {
  if (frame?.opcode !== 0x8) return undefined;
  if (frame.payload.length < 2) return { code: 1005, reason: '' };
  return { code: frame.payload.readUInt16BE(0), reason: frame.payload.subarray(2).toString('utf8') };
}
