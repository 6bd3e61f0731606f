import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MemoryStore, SignalingCore, createJwtAuthenticator, type SignalingStore } from '@confab/core';
import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';
import { setSecurityHeaders } from './security-headers.js';
import { createStaticHandler } from './static-files.js';
import { iceRefreshIntervalMs, iceServersFor } from './ice-servers.js';
import { Cluster } from './redis/cluster.js';
import { loadResumeSecret } from './resume-secret.js';
import { WsTransport } from './ws-transport.js';

/** How long shutdown waits for sockets to close before cutting them. */
export const SHUTDOWN_GRACE_MS = 5_000;
/** How often Node checks requests against headersTimeout/requestTimeout (its default is 30 s). */
export const HTTP_TIMEOUT_CHECK_MS = 1_000;

/** Answers to malformed or abusive requests that never reach a handler. */
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

export interface ConfabServer {
  readonly http: Server;
  readonly core: SignalingCore;
  /** Multi-node mode only. */
  readonly cluster: Cluster | undefined;
  listen(): Promise<AddressInfo>;
  close(): Promise<void>;
}

export interface ConfabServerOptions {
  config: ServerConfig;
  log: Logger;
  store?: SignalingStore;
}

export function createConfabServer({ config, log, store }: ConfabServerOptions): ConfabServer {
  const cluster = config.redis
    ? new Cluster({
        redisUrl: config.redis.url,
        prefix: config.redis.prefix,
        nodeTtlMs: config.redis.nodeTtlMs,
        deliverLocal: (connId, msg) => {
          if (!core.hold(connId, msg)) transport.deliver(connId, msg);
        },
        log,
      })
    : undefined;
  const iceServers = iceServersFor(config);
  const transport = new WsTransport({
    maxMessageBytes: config.maxMessageBytes,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    heartbeatTimeoutMs: config.heartbeatTimeoutMs,
    helloTimeoutMs: config.helloTimeoutMs,
    maxBufferedBytes: config.maxBufferedBytes,
    rateLimit: { perSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst },
    admission: {
      allowedOrigins: config.allowedOrigins,
      maxConnectionsPerIp: config.maxConnectionsPerIp,
      trustProxy: config.trustProxy,
    },
    connIdPrefix: cluster ? `${cluster.nodeId}.` : 'c',
    ...(config.turn ? { iceRefresh: { intervalMs: iceRefreshIntervalMs(config.turn.ttlSeconds), iceServers } } : {}),
    log,
  });
  const memory = store ?? (cluster ? undefined : new MemoryStore());
  const core = new SignalingCore({
    store: cluster?.store ?? memory!,
    deliver: cluster?.bus.deliver ?? transport.deliver,
    // Without a cluster every delivery is local, so relayed candidates can go out as written.
    ...(cluster ? {} : { deliverJson: transport.deliverJson }),
    maxPeers: config.maxPeers,
    heartbeatMs: config.heartbeatIntervalMs,
    iceServers,
    iceTransportPolicy: config.iceTransportPolicy,
    ...(config.auth ? { authenticate: createJwtAuthenticator(config.auth) } : {}),
    resumeGraceMs: config.resumeGraceMs,
    callRingTimeoutMs: config.callRingTimeoutMs,
    prejoin: config.prejoin,
    resumeSecret: loadResumeSecret(config.resumeSecret, config.stateDir),
    closeConnection: transport.closeConnection,
    log,
  });
  transport.attach(core);
  cluster?.attach(core);

  const serveStatic = config.staticDir ? createStaticHandler(config.staticDir) : undefined;
  const startedAt = Date.now();

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    setSecurityHeaders(res);
    if (req.url === '/healthz') {
      const status = cluster?.health ?? 'ok';
      const body = {
        status,
        mode: cluster ? 'redis' : 'memory',
        ...(cluster ? { node: cluster.nodeId } : {}),
        connections: transport.connectionCount,
        rooms: memory instanceof MemoryStore ? memory.roomCount : undefined,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
      res
        .writeHead(status === 'ok' ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
        .end(JSON.stringify(body));
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

  const httpOptions = {
    headersTimeout: config.httpHeadersTimeoutMs,
    requestTimeout: config.httpRequestTimeoutMs,
    connectionsCheckingInterval: HTTP_TIMEOUT_CHECK_MS,
  };
  const http = config.tls
    ? createHttpsServer({ ...httpOptions, cert: config.tls.cert, key: config.tls.key }, onRequest)
    : createHttpServer(httpOptions, onRequest);
  http.on('upgrade', (req, socket, head) => transport.handleUpgrade(req, socket, head));
  http.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = CLIENT_ERROR_STATUS[err.code ?? ''] ?? '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });

  let closing: Promise<void> | undefined;

  return {
    http,
    core,
    cluster,
    listen: async () => {
      await cluster?.start();
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => {
          http.off('error', reject);
          resolve(http.address() as AddressInfo);
        });
      });
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        transport.closeAll();
        core.stop();
        const force = setTimeout(() => {
          transport.terminateAll();
          http.closeAllConnections();
        }, SHUTDOWN_GRACE_MS);
        force.unref();
        http.close(() => {
          clearTimeout(force);
          void (cluster?.stop() ?? Promise.resolve()).then(resolve, resolve);
        });
        http.closeIdleConnections();
      });
      return closing;
    },
  };
}
