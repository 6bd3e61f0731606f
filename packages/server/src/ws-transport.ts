import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ConfabError, type ErrorCode, type ServerMessage } from '@confab/protocol';
import { Heartbeat, type SignalingCore } from '@confab/core';
import { Admission, type AdmissionOptions } from './admission.js';
import { FloodGuard, type FloodGuardOptions } from './flood-guard.js';
import { IceRefresh, type IceRefreshOptions } from './ice-refresh.js';
import type { Logger } from './logger.js';
import { FrameBatcher } from './frame-batcher.js';
import { CLOSE_ABNORMAL, CLOSE_POLICY_VIOLATION } from './websocket/close-codes.js';
import { OPEN, WebSocketConnection } from './websocket/connection.js';
import type { FrameError } from './websocket/frame-reader.js';
import { checkHandshake, refusalResponse, type UpgradeRefusal } from './websocket/handshake.js';

export const WS_PATH = '/ws';
export { CLOSE_POLICY_VIOLATION };
/** Sent on shutdown: the client should reconnect (to another node) and resume. */
export const CLOSE_SERVICE_RESTART = 1012;

/** Errors after which the connection is closed: it can do nothing useful any more. */
const FATAL_ERRORS: ReadonlySet<ErrorCode> = new Set(['AUTH_REQUIRED', 'AUTH_INVALID', 'AUTH_EXPIRED']);

export interface WsTransportOptions {
  maxMessageBytes: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  /** A connection that has not been welcomed within this time is closed. */
  helloTimeoutMs: number;
  /** A reader whose unsent backlog exceeds this is dropped. */
  maxBufferedBytes: number;
  rateLimit: FloodGuardOptions;
  admission: AdmissionOptions;
  /** Prefix of connection ids: the node id in multi-node mode (`<node>.<n>`). */
  connIdPrefix?: string;
  /** Re-sends fresh TURN credentials (`ice-servers`) to each welcomed connection; off without TURN. */
  iceRefresh?: Omit<IceRefreshOptions, 'send'>;
  log: Logger;
}

/**
 * One client connection: the WebSocket (the base class: socket, frames, closing handshake) and
 * what the transport keeps about it, in one object.
 */
class Connection extends WebSocketConnection {
  held: string[] | undefined = undefined;
  heldChars = 0;
  readonly flood: FloodGuard;
  helloTimer: NodeJS.Timeout | undefined;
  /** When a frame or pong last arrived. */
  lastSeen: number;
  /** Dropped by the server's policy (slow reader): no seat is kept for a resume. */
  dropped = false;
  /** Made on first use: most connections never log anything. */
  log: Logger | undefined = undefined;

  constructor(
    readonly transport: WsTransport,
    socket: Socket,
    readonly id: string,
    readonly ip: string,
    now: number,
  ) {
    const options = transport.options;
    super(socket, options.maxMessageBytes);
    this.flood = new FloodGuard(options.rateLimit, now);
    this.lastSeen = now;
    this.helloTimer = setTimeout(helloTimedOut, options.helloTimeoutMs, this);
  }

  protected onText(text: string): void {
    this.transport.onFrame(this, text);
  }
  protected onBinary(): void {
    this.transport.onFrame(this, undefined);
  }
  protected onPong(): void {
    this.lastSeen = Date.now();
  }
  protected onProtocolError(error: FrameError): void {
    this.transport.logOf(this).warn({ err: error.message, code: error.code }, 'protocol error');
  }
  protected onSocketError(err: Error): void {
    this.transport.logOf(this).warn({ err: err.message, code: (err as { code?: string }).code }, 'socket error');
  }
  protected onClosed(code: number): void {
    this.transport.onClose(this, code);
  }
}

function helloTimedOut(conn: Connection): void {
  conn.helloTimer = undefined;
  conn.transport.helloTimedOut(conn);
}

/** Socket errors after a refusal (the client may reset): nothing to do, but not an uncaught error. */
function ignoreError(): void {}

function refuseUpgrade(socket: Duplex, refusal: UpgradeRefusal): void {
  socket.on('error', ignoreError);
  socket.end(refusalResponse(refusal));
}

/**
 * The WebSocket side of the server: admission at the upgrade, one socket per connection id,
 * frames into the core (after the rate limit), deliveries out to sockets, and liveness. The
 * WebSocket protocol itself is Confab's own (./websocket/).
 */
export class WsTransport {
  private readonly connections = new Map<string, Connection>();
  private readonly heartbeat: Heartbeat;
  private readonly admission: Admission;
  private nextConnId = 0;
  private readonly iceRefresh: IceRefresh | undefined;
  private readonly frames = new FrameBatcher<Connection>((conn) => conn.readyState === OPEN);
  private core: SignalingCore | undefined;
  private shuttingDown = false;

  constructor(readonly options: WsTransportOptions) {
    this.admission = new Admission(options.admission);
    this.iceRefresh = options.iceRefresh && new IceRefresh({ ...options.iceRefresh, send: (connId, msg) => this.deliver(connId, msg) });
    this.heartbeat = new Heartbeat({
      intervalMs: options.heartbeatIntervalMs,
      timeoutMs: options.heartbeatTimeoutMs,
      onPing: (connId) => {
        const conn = this.connections.get(connId);
        if (!conn) return;
        this.frames.release(conn);
        conn.ping();
      },
      onDead: (connId) => {
        const conn = this.connections.get(connId);
        if (!conn) return;
        this.logOf(conn).info('heartbeat timeout');
        // Out of the sweep at once; the close event that follows does the rest.
        this.connections.delete(connId);
        conn.terminate();
      },
      forEachTracked: (visit) => this.connections.forEach((conn) => visit(conn.id, conn.lastSeen)),
    });
  }

  /** Binds the core; separate from the constructor because the core's deliver points back here. */
  attach(core: SignalingCore): void {
    this.core = core;
    this.heartbeat.start();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * The core's `deliver`: one JSON text frame to one connection, dropped if it is gone. The frames
   * for a connection in one turn of the event loop leave together, in one write (FrameBatcher).
   */
  readonly deliver = (connId: string, msg: ServerMessage): void => {
    const conn = this.connections.get(connId);
    if (!conn || conn.readyState !== OPEN) return;
    this.frames.send(conn, JSON.stringify(msg));
    if (msg.type === 'welcome') {
      clearTimeout(conn.helloTimer);
      conn.helloTimer = undefined;
      this.iceRefresh?.start(connId, msg.peerId);
    } else if (msg.type === 'error' && FATAL_ERRORS.has(msg.code)) {
      this.close(conn, CLOSE_POLICY_VIOLATION, msg.code);
    }
    this.checkBacklog(conn);
  };

  /** The core's `deliverJson`: `deliver` for a relayed `signal` the core has already written as JSON. */
  readonly deliverJson = (connId: string, json: string): void => {
    const conn = this.connections.get(connId);
    if (!conn || conn.readyState !== OPEN) return;
    this.frames.send(conn, json);
    this.checkBacklog(conn);
  };

  /** Drops a reader whose backlog (what the kernel has not taken, plus what is held for this turn) is too big. */
  private checkBacklog(conn: Connection): void {
    const backlog = conn.socket.writableLength + conn.heldChars;
    if (backlog > this.options.maxBufferedBytes) {
      this.logOf(conn).warn({ bufferedAmount: backlog }, 'slow reader dropped');
      conn.dropped = true;
      conn.terminate();
    }
  }

  handleUpgrade(req: IncomingMessage, duplex: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH || !this.core) return refuseUpgrade(duplex, { status: 404, reason: 'not found' });
    const ip = this.admission.clientIp(req);
    const refusal = this.admission.check(req, ip) ?? checkHandshake(req);
    if (refusal) {
      this.options.log.info({ ip, origin: req.headers.origin, status: refusal.status, reason: refusal.reason }, 'upgrade refused');
      return refuseUpgrade(duplex, refusal);
    }
    // The upgrade event hands over the server's own net.Socket (tls.TLSSocket with TLS) as a Duplex.
    const socket = duplex as Socket;
    if (socket.destroyed) return;
    this.admission.opened(ip);
    const connId = `${this.options.connIdPrefix ?? 'c'}${++this.nextConnId}`;
    const conn = new Connection(this, socket, connId, ip, Date.now());
    this.connections.set(connId, conn);
    if (this.options.log.isLevelEnabled('debug')) this.logOf(conn).debug({ ip }, 'connected');
    conn.accept(req, head);
  }

  /** Starts the closing handshake after the frames already sent. */
  private close(conn: Connection, code: number, reason: string): void {
    this.frames.release(conn);
    conn.close(code, reason);
  }

  /** @internal For Connection. */
  logOf(conn: Connection): Logger {
    return (conn.log ??= this.options.log.child({ connId: conn.id }));
  }

  /** @internal For Connection: no hello (so no welcome) in time. */
  helloTimedOut(conn: Connection): void {
    this.logOf(conn).info('no hello in time');
    this.close(conn, CLOSE_POLICY_VIOLATION, 'hello timeout');
  }

  /** @internal For Connection: a text message (`text`) or a binary one (undefined). */
  onFrame(conn: Connection, text: string | undefined): void {
    if (conn.readyState !== OPEN) return;
    const core = this.core!;
    const now = Date.now();
    conn.lastSeen = now;
    const verdict = conn.flood.check(now);
    if (verdict === 'close') {
      this.logOf(conn).warn('flooding: closed');
      this.close(conn, CLOSE_POLICY_VIOLATION, 'rate limit');
      return;
    }
    if (verdict === 'drop') {
      if (conn.flood.shouldWarn()) {
        void core.reject(conn.id, new ConfabError('RATE_LIMITED', 'Too many messages; slow down. Dropped messages are not processed.'));
      }
      return;
    }
    if (text === undefined) {
      void core.reject(conn.id, new ConfabError('BINARY_NOT_SUPPORTED', 'Send JSON text frames, not binary.'));
      return;
    }
    void core.receive(conn.id, text);
  }

  /** @internal For Connection: its socket has closed. */
  onClose(conn: Connection, code: number): void {
    const connId = conn.id;
    clearTimeout(conn.helloTimer);
    conn.helloTimer = undefined;
    conn.held = undefined;
    this.admission.closed(conn.ip);
    this.connections.delete(connId);
    this.iceRefresh?.stop(connId);
    if (this.options.log.isLevelEnabled('debug')) this.logOf(conn).debug({ code }, 'closed');
    // On shutdown, seats stay where they are (in Redis) for the clients to resume elsewhere.
    if (this.shuttingDown) return;
    // A drop (no close frame, or killed by the heartbeat) keeps the seat for a resume.
    void this.core!.disconnect(connId, { graceful: conn.dropped || code !== CLOSE_ABNORMAL, silentForMs: Date.now() - conn.lastSeen });
  }

  /** Closes one connection at once (a half-open socket whose session resumed elsewhere). */
  readonly closeConnection = (connId: string): void => {
    this.connections.get(connId)?.terminate();
  };

  /** Closes every socket with 1012 so clients reconnect and resume (shutdown), and stops the heartbeat. */
  closeAll(code = CLOSE_SERVICE_RESTART, reason = 'server restarting'): void {
    this.shuttingDown = true;
    this.heartbeat.stop();
    this.iceRefresh?.stopAll();
    for (const conn of this.connections.values()) this.close(conn, code, reason);
  }

  /** Force-closes whatever is still open. */
  terminateAll(): void {
    for (const conn of this.connections.values()) conn.terminate();
  }
}
