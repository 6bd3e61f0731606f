import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ConfabError, type ErrorCode, type ServerMessage } from '@confab/protocol';
import { Heartbeat, type SignalingCore } from '@confab/core';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { Admission, type AdmissionOptions } from './admission.js';
import { FloodGuard, type FloodGuardOptions } from './flood-guard.js';
import { IceRefresh, type IceRefreshOptions } from './ice-refresh.js';
import type { Logger } from './logger.js';

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
  ws: WebSocket;
  ip: string;
  flood: FloodGuard;
  helloTimer: NodeJS.Timeout | undefined;
  /** When a frame or pong last arrived. */
  lastSeen: number;
  /** Dropped by the server's policy (slow reader): no seat is kept for a resume. */
  dropped: boolean;
  log: Logger;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
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
      onPing: (connId) => this.connections.get(connId)?.ws.ping(),
      onDead: (connId) => {
        const conn = this.connections.get(connId);
        conn?.log.info('heartbeat timeout');
        conn?.ws.terminate();
      },
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

  /** The core's `deliver`: one JSON text frame to one connection, dropped if it is gone. */
  readonly deliver = (connId: string, msg: ServerMessage): void => {
    const conn = this.connections.get(connId);
    if (!conn || conn.ws.readyState !== WebSocket.OPEN) return;
    conn.ws.send(JSON.stringify(msg));
    if (msg.type === 'welcome') {
      clearTimeout(conn.helloTimer);
      conn.helloTimer = undefined;
      this.iceRefresh?.start(connId, msg.peerId);
    } else if (msg.type === 'error' && FATAL_ERRORS.has(msg.code)) {
      conn.ws.close(CLOSE_POLICY_VIOLATION, msg.code);
    }
    if (conn.ws.bufferedAmount > this.options.maxBufferedBytes) {
      conn.log.warn({ bufferedAmount: conn.ws.bufferedAmount }, 'slow reader dropped');
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
    socket.once('close', () => this.admission.closed(ip));
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, ip));
  }

  private accept(ws: WebSocket, ip: string): void {
    const core = this.core!;
    const connId = `${this.options.connIdPrefix ?? 'c'}${++this.nextConnId}`;
    const conn: Connection = {
      ws,
      ip,
      flood: new FloodGuard(this.options.rateLimit),
      helloTimer: setTimeout(() => {
        conn.log.info('no hello in time');
        ws.close(CLOSE_POLICY_VIOLATION, 'hello timeout');
      }, this.options.helloTimeoutMs),
      lastSeen: Date.now(),
      dropped: false,
      log: this.options.log.child({ connId }),
    };
    this.connections.set(connId, conn);
    this.heartbeat.touch(connId);
    conn.log.debug({ ip }, 'connected');

    const touch = () => {
      conn.lastSeen = Date.now();
      this.heartbeat.touch(connId);
    };
    ws.on('message', (data, isBinary) => {
      touch();
      const verdict = conn.flood.check();
      if (verdict === 'close') {
        conn.log.warn('flooding: closed');
        ws.close(CLOSE_POLICY_VIOLATION, 'rate limit');
        return;
      }
      if (verdict === 'drop') {
        if (conn.flood.shouldWarn()) {
          void core.reject(connId, new ConfabError('RATE_LIMITED', 'Too many messages; slow down. Dropped messages are not processed.'));
        }
        return;
      }
      if (isBinary) {
        void core.reject(connId, new ConfabError('BINARY_NOT_SUPPORTED', 'Send JSON text frames, not binary.'));
        return;
      }
      void core.receive(connId, textOf(data));
    });
    ws.on('pong', touch);
    ws.on('error', (err) => conn.log.warn({ err: err.message, code: (err as { code?: string }).code }, 'socket error'));
    ws.on('close', (code) => {
      clearTimeout(conn.helloTimer);
      this.connections.delete(connId);
      this.heartbeat.remove(connId);
      this.iceRefresh?.stop(connId);
      conn.log.debug({ code }, 'closed');
      // On shutdown, seats stay where they are (in Redis) for the clients to resume elsewhere.
      if (this.shuttingDown) return;
      // A drop (no close frame, or killed by the heartbeat) keeps the seat for a resume.
      void core.disconnect(connId, { graceful: conn.dropped || code !== CLOSE_ABNORMAL, silentForMs: Date.now() - conn.lastSeen });
    });
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
    for (const { ws } of this.connections.values()) ws.close(code, reason);
  }

  /** Force-closes whatever is still open. */
  terminateAll(): void {
    for (const { ws } of this.connections.values()) ws.terminate();
  }
}
