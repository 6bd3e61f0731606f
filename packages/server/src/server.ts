import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IceServer } from '@confab/protocol';
import { MemoryStore, SignalingCore, type SignalingStore } from '@confab/core';
import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';
import { setSecurityHeaders } from './security-headers.js';
import { createStaticHandler } from './static-files.js';
import { WsTransport } from './ws-transport.js';

/** How long shutdown waits for sockets to close before cutting them. */
export const SHUTDOWN_GRACE_MS = 5_000;
/** Node's HTTP timeouts: a slow client cannot hold a request open for long. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ConfabServer {
  readonly http: Server;
  readonly core: SignalingCore;
  listen(): Promise<AddressInfo>;
  close(): Promise<void>;
}

export interface ConfabServerOptions {
  config: ServerConfig;
  log: Logger;
  store?: SignalingStore;
}

function iceServersFor(config: ServerConfig): () => IceServer[] {
  const servers: IceServer[] = config.stunUrls.length > 0 ? [{ urls: config.stunUrls }] : [];
  return () => servers;
}

export function createConfabServer({ config, log, store = new MemoryStore() }: ConfabServerOptions): ConfabServer {
  const transport = new WsTransport({
    maxMessageBytes: config.maxMessageBytes,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
    log,
  });
  const core = new SignalingCore({
    store,
    deliver: transport.deliver,
    maxPeers: config.maxPeers,
    heartbeatMs: config.heartbeatIntervalMs,
    iceServers: iceServersFor(config),
    log,
  });
  transport.attach(core);

  const serveStatic = config.staticDir ? createStaticHandler(config.staticDir) : undefined;
  const startedAt = Date.now();

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    setSecurityHeaders(res);
    if (req.url === '/healthz') {
      const body = {
        status: 'ok',
        connections: transport.connectionCount,
        rooms: store instanceof MemoryStore ? store.roomCount : undefined,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
      return;
    }
    if (!serveStatic) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    serveStatic(req, res).catch((err: unknown) => {
      log.error({ err }, 'static file failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };

  const http = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, onRequest) : createHttpServer(onRequest);
  http.headersTimeout = HEADERS_TIMEOUT_MS;
  http.requestTimeout = REQUEST_TIMEOUT_MS;
  http.on('upgrade', (req, socket, head) => transport.handleUpgrade(req, socket, head));
  http.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  let closing: Promise<void> | undefined;

  return {
    http,
    core,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          resolve(http.address() as AddressInfo);
        });
      }),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        transport.closeAll();
        const force = setTimeout(() => {
          transport.terminateAll();
          http.closeAllConnections();
        }, SHUTDOWN_GRACE_MS);
        force.unref();
        http.close(() => {
          clearTimeout(force);
          resolve();
        });
        http.closeIdleConnections();
      });
      return closing;
    },
  };
}
