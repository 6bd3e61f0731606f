import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ConfabError, type ServerMessage } from '@confab/protocol';
import { Heartbeat, type SignalingCore } from '@confab/core';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Logger } from './logger.js';

export const WS_PATH = '/ws';
/** Close codes (RFC 6455). */
export const CLOSE_GOING_AWAY = 1001;

export interface WsTransportOptions {
  maxMessageBytes: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  log: Logger;
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

/**
 * The WebSocket side of the server: one socket per connection id, frames into the core,
 * deliveries out to sockets, and ping/pong liveness.
 */
export class WsTransport {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Map<string, WebSocket>();
  private readonly heartbeat: Heartbeat;
  private nextConnId = 0;
  private core: SignalingCore | undefined;

  constructor(private readonly options: WsTransportOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.heartbeat = new Heartbeat({
      intervalMs: options.heartbeatIntervalMs,
      timeoutMs: options.heartbeatTimeoutMs,
      onPing: (connId) => this.sockets.get(connId)?.ping(),
      onDead: (connId) => {
        options.log.info({ connId }, 'heartbeat timeout');
        this.sockets.get(connId)?.terminate();
      },
    });
  }

  /** Binds the core; separate from the constructor because the core's deliver points back here. */
  attach(core: SignalingCore): void {
    this.core = core;
    this.heartbeat.start();
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** The core's `deliver`: one JSON text frame to one connection, dropped if it is gone. */
  readonly deliver = (connId: string, msg: ServerMessage): void => {
    const ws = this.sockets.get(connId);
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  };

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH || !this.core) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const core = this.core!;
    const connId = `c${++this.nextConnId}`;
    const log = this.options.log.child({ connId });
    this.sockets.set(connId, ws);
    this.heartbeat.touch(connId);
    log.debug({ ip: req.socket.remoteAddress }, 'connected');

    ws.on('message', (data, isBinary) => {
      this.heartbeat.touch(connId);
      if (isBinary) {
        void core.sendError(connId, new ConfabError('BINARY_NOT_SUPPORTED', 'Send JSON text frames, not binary.'));
        return;
      }
      void core.receive(connId, textOf(data));
    });
    ws.on('pong', () => this.heartbeat.touch(connId));
    ws.on('error', (err) => log.warn({ err: err.message, code: (err as { code?: string }).code }, 'socket error'));
    ws.on('close', (code) => {
      this.sockets.delete(connId);
      this.heartbeat.remove(connId);
      log.debug({ code }, 'closed');
      void core.disconnect(connId);
    });
  }

  /** Closes every socket (for shutdown) and stops the heartbeat. */
  closeAll(code = CLOSE_GOING_AWAY, reason = 'server shutting down'): void {
    this.heartbeat.stop();
    for (const ws of this.sockets.values()) ws.close(code, reason);
  }

  /** Force-closes whatever is still open. */
  terminateAll(): void {
    for (const ws of this.sockets.values()) ws.terminate();
  }
}
