import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { CLOSE_ABNORMAL, CLOSE_NO_STATUS } from './close-codes.js';
import { PING_FRAME, closeFrame, pongFrame } from './control-frames.js';
import { FrameReader, type FrameError } from './frame-reader.js';
import { upgradeResponse } from './handshake.js';

/** The states of `readyState`, numbered as the WebSocket API numbers them. */
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;
export type ReadyState = typeof OPEN | typeof CLOSING | typeof CLOSED;

/**
 * After a close frame is sent (or a peer's is answered), the peer has this long to close its
 * side before the socket is destroyed.
 */
export const CLOSE_HANDSHAKE_TIMEOUT_MS = 30_000;

/** Where a socket keeps its connection, so one set of listeners serves every socket. */
const CONNECTION = Symbol('confab.websocket');
type TaggedSocket = Socket & { [CONNECTION]?: WebSocketConnection };

/*
 * The socket's listeners, shared by every connection (`this` is the socket): no closures per
 * connection.
 */
function onData(this: TaggedSocket, chunk: Buffer): void {
  this[CONNECTION]?.read(chunk);
}
function onEnd(this: TaggedSocket): void {
  this[CONNECTION]?.socketEnded();
}
function onClose(this: TaggedSocket): void {
  this[CONNECTION]?.socketClosed();
}
function onError(this: TaggedSocket, err: Error): void {
  this[CONNECTION]?.socketError(err);
}
function closeTimedOut(conn: WebSocketConnection): void {
  conn.terminate();
}

/**
 * The server's end of one WebSocket connection (RFC 6455) over the socket of an accepted
 * upgrade: frames in (FrameReader), control frames out, the closing handshake with its timeout,
 * and the close code to report. Messages out are written by the caller to `socket` directly, as
 * whole frames (../text-frames.ts), while `readyState` is OPEN.
 *
 * It is the base class of the application's own per-connection record, so one object holds the
 * whole connection; the application implements the hooks (`onText`, `onBinary`, `onPong`,
 * `onProtocolError`, `onSocketError`, `onClosed`).
 */
export abstract class WebSocketConnection extends FrameReader {
  readyState: ReadyState = OPEN;
  /** What `onClosed` reports: the peer's close code, or 1006 until a close frame arrives. */
  private closeCode = CLOSE_ABNORMAL;
  private closeSent = false;
  private closeTimer: NodeJS.Timeout | undefined = undefined;

  constructor(
    readonly socket: Socket,
    maxMessageBytes: number,
  ) {
    super(maxMessageBytes);
  }

  /** The application's hooks besides the reader's messages. */
  protected abstract onProtocolError(error: FrameError): void;
  protected abstract onSocketError(err: Error): void;
  /** The socket has closed; `code` is the peer's close code, 1005 if it gave none, 1006 if it sent no close frame. */
  protected abstract onClosed(code: number): void;

  /**
   * Completes the upgrade of a request that passed `checkHandshake`: the 101 response, then
   * frames. `head` is whatever the client sent after its request in the same packet.
   */
  accept(req: IncomingMessage, head: Buffer): void {
    const socket = this.socket as TaggedSocket;
    socket[CONNECTION] = this;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onClose);
    socket.on('error', onError);
    socket.write(upgradeResponse(req));
    if (head.length > 0) this.read(head);
  }

  /** A keepalive ping; the answer arrives as `onPong`. */
  ping(): void {
    if (this.readyState === OPEN) this.write(PING_FRAME);
  }

  /** Starts the closing handshake (idempotent); nothing more can be sent after it. */
  close(code: number, reason = ''): void {
    if (this.readyState !== OPEN) return;
    this.sendClose(code, reason);
  }

  /** Cuts the connection at once, with no closing handshake. */
  terminate(): void {
    this.socket.destroy();
  }

  protected override wantsMessages(): boolean {
    return this.readyState === OPEN;
  }

  protected onPing(payload: Buffer): void {
    if (this.readyState === OPEN) this.write(pongFrame(payload));
  }

  protected onCloseFrame(code: number): void {
    this.closeCode = code;
    // Answer with the same code (§5.5.1), then close TCP: the server closes first (§7.1.1).
    if (!this.closeSent) this.sendClose(code === CLOSE_NO_STATUS ? undefined : code, '');
    this.socket.end();
  }

  /**
   * _Fail the WebSocket Connection_ (§7.1.7): a close frame with the error's code, then close TCP
   * at once; the peer's close frame would not be read anyway.
   */
  protected onFrameError(error: FrameError): void {
    this.onProtocolError(error);
    if (this.closeSent) return this.terminate();
    this.sendClose(error.closeCode, error.message);
    this.socket.end();
  }

  private sendClose(code: number | undefined, reason: string): void {
    this.readyState = CLOSING;
    this.closeSent = true;
    this.write(closeFrame(code, reason));
    this.closeTimer ??= setTimeout(closeTimedOut, CLOSE_HANDSHAKE_TIMEOUT_MS, this);
  }

  private write(frame: Buffer): void {
    const socket = this.socket;
    if (!socket.destroyed && socket.writable) socket.write(frame);
  }

  /** The peer closed its side of TCP: close ours (the socket's `close` follows). */
  socketEnded(): void {
    if (this.readyState === OPEN) this.readyState = CLOSING;
    this.stopReading();
    this.socket.end();
  }

  socketClosed(): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.stopReading();
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
    this.onClosed(this.closeCode);
  }

  socketError(err: Error): void {
    this.onSocketError(err);
  }
}
