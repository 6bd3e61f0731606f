import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ConfabError, type ErrorCode, type ServerMessage } from '@confab/protocol';
import { Heartbeat, type SignalingCore } from '@confab/core';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { Admission, type AdmissionOptions } from './admission.js';
import { FloodGuard, type FloodGuardOptions } from './flood-guard.js';
import { IceRefresh, type IceRefreshOptions } from './ice-refresh.js';
import type { Logger } from './logger.js';
import { FrameBatcher } from './frame-batcher.js';

export const WS_PATH = '/ws';
/** Close codes (RFC 6455). */
export const CLOSE_POLICY_VIOLATION = 1008;
/** Sent on shutdown: the client should reconnect (to another node) and resume. */
export const CLOSE_SERVICE_RESTART = 1012;
/** The close code `ws` reports when a connection ended without a close frame. */
const CLOSE_ABNORMAL = 1006;

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

interface Connection {
  id: string;
  ip: string;
  ws: WebSocket;
  /** The socket under `ws` (the one the upgrade came on): the frames of each turn go to it in one write. */
  socket: Duplex;
  held: string[] | undefined;
  heldChars: number;
  flood: FloodGuard;
  helloTimer: NodeJS.Timeout | undefined;
  /** When a frame or pong last arrived. */
  lastSeen: number;
  /** Dropped by the server's policy (slow reader): no seat is kept for a resume. */
  dropped: boolean;
  /** Made on first use: most connections never log anything. */
  log: Logger | undefined;
}

/** Where a WebSocket keeps its Connection, so one set of listeners serves every socket. */
const CONNECTION = Symbol('confab.connection');
type TaggedSocket = WebSocket & { [CONNECTION]?: Connection };

/** A text frame's bytes as a string; `ws` hands a Buffer unless told otherwise. */
function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text = { 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }[status] ?? 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}`);
}

/**
 * The WebSocket side of the server: admission at the upgrade, one socket per connection id,
 * frames into the core (after the rate limit), deliveries out to sockets, and liveness.
 */
export class WsTransport {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<string, Connection>();
  private readonly heartbeat: Heartbeat;
  private readonly admission: Admission;
  private nextConnId = 0;
  private readonly iceRefresh: IceRefresh | undefined;
  private readonly frames = new FrameBatcher<Connection>((conn) => conn.ws.readyState === WebSocket.OPEN);
  private core: SignalingCore | undefined;
  private shuttingDown = false;

  constructor(private readonly options: WsTransportOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.admission = new Admission(options.admission);
    this.iceRefresh = options.iceRefresh && new IceRefresh({ ...options.iceRefresh, send: (connId, msg) => this.deliver(connId, msg) });
    this.heartbeat = new Heartbeat({
      intervalMs: options.heartbeatIntervalMs,
      timeoutMs: options.heartbeatTimeoutMs,
      onPing: (connId) => {
        const conn = this.connections.get(connId);
        if (!conn) return;
        this.frames.release(conn);
        conn.ws.ping();
      },
      onDead: (connId) => {
        const conn = this.connections.get(connId);
        if (!conn) return;
        this.logOf(conn).info('heartbeat timeout');
        // Out of the sweep at once; the close event that follows does the rest.
        this.connections.delete(connId);
        conn.ws.terminate();
      },
      tracked: () => this.lastSeenOfAll(),
    });
  }

  private *lastSeenOfAll(): Iterable<readonly [string, number]> {
    for (const [connId, conn] of this.connections) yield [connId, conn.lastSeen];
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
    if (!conn || conn.ws.readyState !== WebSocket.OPEN) return;
    this.frames.send(conn, JSON.stringify(msg));
    if (msg.type === 'welcome') {
      clearTimeout(conn.helloTimer);
      conn.helloTimer = undefined;
      this.iceRefresh?.start(connId, msg.peerId);
    } else if (msg.type === 'error' && FATAL_ERRORS.has(msg.code)) {
      this.close(conn, CLOSE_POLICY_VIOLATION, msg.code);
    }
    // What the kernel has not taken yet, plus what is held for the end of this turn.
    const backlog = conn.socket.writableLength + conn.heldChars;
    if (backlog > this.options.maxBufferedBytes) {
      this.logOf(conn).warn({ bufferedAmount: backlog }, 'slow reader dropped');
      conn.dropped = true;
      conn.ws.terminate();
    }
  };

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH || !this.core) return refuseUpgrade(socket, 404, 'not found');
    const ip = this.admission.clientIp(req);
    const refusal = this.admission.check(req, ip);
    if (refusal) {
      this.options.log.info({ ip, origin: req.headers.origin, reason: refusal.reason }, 'upgrade refused');
      return refuseUpgrade(socket, refusal.status, refusal.reason);
    }
    this.admission.opened(ip);
    // Until the WebSocket exists, the socket's close gives the address its slot back; after, the
    // WebSocket's close does (onClose), and this listener goes.
    const unadmit = () => this.admission.closed(ip);
    socket.once('close', unadmit);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      socket.removeListener('close', unadmit);
      this.accept(ws, socket, ip);
    });
  }

  /** Starts the closing handshake after the frames already sent. */
  private close(conn: Connection, code: number, reason: string): void {
    this.frames.release(conn);
    conn.ws.close(code, reason);
  }

  private logOf(conn: Connection): Logger {
    return (conn.log ??= this.options.log.child({ connId: conn.id }));
  }

  /*
   * One set of listeners for every socket (`this` is the socket), rather than four closures per
   * connection: an idle connection costs less memory.
   */
  private readonly listeners = ((transport: WsTransport) => ({
    message(this: TaggedSocket, data: RawData, isBinary: boolean): void {
      const conn = this[CONNECTION];
      if (conn) transport.onFrame(conn, data, isBinary);
    },
    pong(this: TaggedSocket): void {
      const conn = this[CONNECTION];
      if (conn) conn.lastSeen = Date.now();
    },
    error(this: TaggedSocket, err: Error): void {
      const conn = this[CONNECTION];
      if (conn) transport.logOf(conn).warn({ err: err.message, code: (err as { code?: string }).code }, 'socket error');
    },
    close(this: TaggedSocket, code: number): void {
      const conn = this[CONNECTION];
      if (conn) transport.onClose(conn, code);
    },
  }))(this);

  private accept(ws: WebSocket, socket: Duplex, ip: string): void {
    const connId = `${this.options.connIdPrefix ?? 'c'}${++this.nextConnId}`;
    const now = Date.now();
    const conn: Connection = {
      id: connId,
      ip,
      ws,
      socket,
      held: undefined,
      heldChars: 0,
      flood: new FloodGuard(this.options.rateLimit, now),
      helloTimer: setTimeout(() => {
        this.logOf(conn).info('no hello in time');
        this.close(conn, CLOSE_POLICY_VIOLATION, 'hello timeout');
      }, this.options.helloTimeoutMs),
      lastSeen: now,
      dropped: false,
      log: undefined,
    };
    (ws as TaggedSocket)[CONNECTION] = conn;
    this.connections.set(connId, conn);
    if (this.options.log.isLevelEnabled('debug')) this.logOf(conn).debug({ ip }, 'connected');
    const { message, pong, error, close } = this.listeners;
    ws.on('message', message);
    ws.on('pong', pong);
    ws.on('error', error);
    ws.on('close', close);
  }

  private onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
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
    if (isBinary) {
      void core.reject(conn.id, new ConfabError('BINARY_NOT_SUPPORTED', 'Send JSON text frames, not binary.'));
      return;
    }
    void core.receive(conn.id, textOf(data));
  }

  private onClose(conn: Connection, code: number): void {
    const connId = conn.id;
    clearTimeout(conn.helloTimer);
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
    this.connections.get(connId)?.ws.terminate();
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
    for (const { ws } of this.connections.values()) ws.terminate();
  }
}
