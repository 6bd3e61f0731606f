import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { turnCorker } from './turn-corker.js';

/**
 * A WebSocket client that speaks JSON text frames, for the three servers with raw-WebSocket
 * protocols (Confab, PeerJS, bare ws). Handshake steps wait for one message with `waitFor`;
 * every other message goes to the handler given to `listen`, or waits in a backlog until then
 * (a server may greet in the same packet as the upgrade, before anyone waits).
 */

export type JsonMessage = Record<string, unknown>;

interface Waiter {
  match: (msg: JsonMessage) => boolean;
  resolve: (msg: JsonMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The TCP socket under an open `ws` WebSocket (its private `_socket`), for the turn corker. */
export function tcpSocketOf(ws: WebSocket): Socket {
  return (ws as unknown as { _socket: Socket })._socket;
}

export class JsonSocket {
  private onMessage: ((msg: JsonMessage) => void) | undefined;
  private backlog: JsonMessage[] = [];
  /** Called once when the socket closes, unless `close()` was called first. */
  onUnexpectedClose: (code: number) => void = () => {};
  private readonly waiters = new Set<Waiter>();
  private closing = false;
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      let value: unknown;
      try {
        value = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      const msg = value as JsonMessage;
      for (const waiter of this.waiters) {
        if (!waiter.match(msg)) continue;
        this.settle(waiter);
        waiter.resolve(msg);
        return;
      }
      if (this.onMessage) this.onMessage(msg);
      else this.backlog.push(msg);
    });
    ws.on('close', (code) => {
      clearInterval(this.heartbeat);
      for (const waiter of [...this.waiters]) {
        this.settle(waiter);
        waiter.reject(new Error(`socket closed (code ${code}) during the handshake`));
      }
      if (!this.closing) this.onUnexpectedClose(code);
    });
  }

  static open(url: string, timeoutMs: number): Promise<JsonSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      ws.once('open', () => {
        ws.off('error', reject);
        ws.on('error', () => {}); // a later error is followed by 'close', reported there
        resolve(new JsonSocket(ws));
      });
      ws.once('error', reject);
    });
  }

  send(msg: object): void {
    turnCorker.cork(tcpSocketOf(this.ws));
    this.ws.send(JSON.stringify(msg));
  }

  /** Sends `msg` every `intervalMs` until the socket closes: a client's keepalive, as its real client sends it. */
  keepAlive(msg: object, intervalMs: number): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => this.send(msg), intervalMs);
  }

  /** From now on, every message no handshake step waits for goes to `handler`, the backlog first. */
  listen(handler: (msg: JsonMessage) => void): void {
    this.onMessage = handler;
    const backlog = this.backlog;
    this.backlog = [];
    for (const msg of backlog) handler(msg);
  }

  /** Resolves with the next message that `match` accepts, from the backlog or still to come. */
  waitFor(match: (msg: JsonMessage) => boolean, timeoutMs: number, what: string): Promise<JsonMessage> {
    const queued = this.backlog.findIndex(match);
    if (queued >= 0) return Promise.resolve(this.backlog.splice(queued, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter);
          reject(new Error(`no ${what} within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    this.ws.terminate();
  }

  private settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }
}
