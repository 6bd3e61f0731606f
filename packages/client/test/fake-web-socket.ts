import type { ClientMessage } from '@confab/protocol';
import type { WebSocketConstructor, WebSocketLike } from '../src/web-socket.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/**
 * An in-memory stand-in for the browser WebSocket, for unit tests: the test plays the server
 * (`open()`, `receive()`, `serverClose()`) and reads what the SDK sent (`sent`).
 */
export class FakeWebSocket implements WebSocketLike {
  readyState = CONNECTING;
  readonly sentFrames: string[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== OPEN) throw new Error('send() on a socket that is not open');
    this.sentFrames.push(data);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.closedWith = { code, reason };
    const onclose = this.onclose;
    queueMicrotask(() => onclose?.(closeEvent(code ?? 1005)));
  }

  /** The messages the SDK sent, parsed. */
  get sent(): ClientMessage[] {
    return this.sentFrames.map((frame) => JSON.parse(frame) as ClientMessage);
  }

  /** The last message the SDK sent. */
  get last(): ClientMessage | undefined {
    return this.sent.at(-1);
  }

  open(): void {
    this.readyState = OPEN;
    this.onopen?.(new Event('open'));
  }

  /** Delivers a frame from the "server": an object is sent as JSON, a string as is. */
  receive(message: unknown): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  serverClose(code = 1006): void {
    this.readyState = CLOSED;
    this.onclose?.(closeEvent(code));
  }
}

function closeEvent(code: number): CloseEvent {
  // Node 20 has no CloseEvent; the SDK reads only `code`.
  return Object.assign(new Event('close'), { code, reason: '', wasClean: code === 1000 }) as CloseEvent;
}

/** A fresh WebSocket class whose instances the test can reach. */
export function fakeWebSocketClass(): { WebSocket: WebSocketConstructor; sockets: FakeWebSocket[] } {
  const sockets: FakeWebSocket[] = [];
  class TrackedFakeWebSocket extends FakeWebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { WebSocket: TrackedFakeWebSocket, sockets };
}
