import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_MESSAGE_BYTES } from '@confab/protocol';
import { DEFAULT_CALL_RING_TIMEOUT_MS, DEFAULT_MAX_PEERS, DEFAULT_RESUME_GRACE_MS, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS } from '@confab/core';
import {
  DEFAULT_TURN_TTL_SECONDS,
  MAX_TURN_TTL_SECONDS,
  MIN_TURN_TTL_SECONDS,
  type IceTransportPolicy,
  type TurnConfig,
} from './ice-servers.js';

/** Everything the server reads from its environment. docs and the README list the same variables. */
export interface ServerConfig {
  port: number;
  host: string;
  maxPeers: number;
  maxMessageBytes: number;
  heartbeatIntervalMs: number;
  heartbeatTimeoutMs: number;
  /** Directory of the built web app; undefined serves no static files. */
  staticDir: string | undefined;
  tls: { cert: Buffer; key: Buffer } | undefined;
  stunUrls: string[];
  /** TURN_URLS, TURN_SECRET, TURN_TTL: per-peer TURN credentials (docs/deploy.md). */
  turn: TurnConfig | undefined;
  /** ICE_TRANSPORT_POLICY: the browsers' default; `relay` sends all media through TURN. */
  iceTransportPolicy: IceTransportPolicy;
  logLevel: string;
  helloTimeoutMs: number;
  /** Node's headersTimeout and requestTimeout: a slow client cannot hold a request open. */
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
  maxBufferedBytes: number;
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  maxConnectionsPerIp: number;
  allowedOrigins: string[];
  trustProxy: boolean;
  auth: { secret?: string; jwksUrl?: string; issuer?: string; audience?: string } | undefined;
  /** How long a direct call rings before "no answer". */
  callRingTimeoutMs: number;
  /** How long a dropped peer keeps its seat; 0 turns resume off. */
  resumeGraceMs: number;
  /** Whether lobbies may prepare their join (`prepare`); PREJOIN=off refuses it. */
  prejoin: boolean;
  /** Key of resume tokens (RESUME_SECRET); when unset, one is kept in `stateDir`. */
  resumeSecret: string | undefined;
  stateDir: string;
  /** Multi-node mode when set. */
  redis: { url: string; prefix: string; nodeTtlMs: number } | undefined;
}

/** Defaults of the abuse limits (docs/security in SECURITY.md). */
export const DEFAULT_HELLO_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
export const DEFAULT_RATE_LIMIT_PER_SECOND = 50;
export const DEFAULT_RATE_LIMIT_BURST = 200;
export const DEFAULT_MAX_CONNECTIONS_PER_IP = 50;
/** HS256 keys shorter than this are refused: they can be brute-forced. */
export const MIN_AUTH_SECRET_LENGTH = 32;
/** Every participant sees TURN usernames and their HMACs, so a short TURN_SECRET can be brute-forced too. */
export const MIN_TURN_SECRET_LENGTH = 32;

export const DEFAULT_PORT = 8080;
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function turnConfig(env: NodeJS.ProcessEnv): TurnConfig | undefined {
  const urls = list(env.TURN_URLS);
  const secret = env.TURN_SECRET || undefined;
  if (urls.length === 0 && !secret) return undefined;
  if (urls.length === 0 || !secret) throw new ConfigError('TURN_URLS and TURN_SECRET must be set together');
  if (secret.length < MIN_TURN_SECRET_LENGTH) {
    throw new ConfigError(`TURN_SECRET must be at least ${MIN_TURN_SECRET_LENGTH} characters`);
  }
  const bad = urls.find((url) => !/^turns?:/.test(url));
  if (bad) throw new ConfigError(`TURN_URLS must be turn: or turns: URLs, got "${bad}"`);
  const ttlSeconds = int(env, 'TURN_TTL', DEFAULT_TURN_TTL_SECONDS, MIN_TURN_TTL_SECONDS, MAX_TURN_TTL_SECONDS);
  return { urls, secret, ttlSeconds };
}

function iceTransportPolicy(env: NodeJS.ProcessEnv, turn: TurnConfig | undefined): IceTransportPolicy {
  const raw = env.ICE_TRANSPORT_POLICY || 'all';
  if (raw !== 'all' && raw !== 'relay') throw new ConfigError(`ICE_TRANSPORT_POLICY must be all or relay, got "${raw}"`);
  if (raw === 'relay' && !turn) throw new ConfigError('ICE_TRANSPORT_POLICY=relay needs TURN_URLS and TURN_SECRET');
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const certPath = env.TLS_CERT;
  const keyPath = env.TLS_KEY;
  if (Boolean(certPath) !== Boolean(keyPath)) throw new ConfigError('TLS_CERT and TLS_KEY must be set together');
  const heartbeatIntervalMs = int(env, 'HEARTBEAT_INTERVAL_MS', HEARTBEAT_INTERVAL_MS, 100, 60_000);
  const heartbeatTimeoutMs = int(env, 'HEARTBEAT_TIMEOUT_MS', HEARTBEAT_TIMEOUT_MS, 200, 120_000);
  if (heartbeatTimeoutMs <= heartbeatIntervalMs) {
    throw new ConfigError('HEARTBEAT_TIMEOUT_MS must be longer than HEARTBEAT_INTERVAL_MS');
  }
  const secret = env.AUTH_SECRET || undefined;
  const jwksUrl = env.AUTH_JWKS_URL || undefined;
  if (secret && jwksUrl) throw new ConfigError('set AUTH_SECRET or AUTH_JWKS_URL, not both');
  if (secret && secret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new ConfigError(`AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters`);
  }
  const turn = turnConfig(env);
  return {
    port: int(env, 'PORT', DEFAULT_PORT, 0, 65_535),
    host: env.HOST || '0.0.0.0',
    maxPeers: int(env, 'MAX_PEERS', DEFAULT_MAX_PEERS, 1, 64),
    maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', MAX_MESSAGE_BYTES, 1024, 16 * 1024 * 1024),
    heartbeatIntervalMs,
    heartbeatTimeoutMs,
    staticDir: env.STATIC_DIR === '' ? undefined : (env.STATIC_DIR ?? DEFAULT_STATIC_DIR),
    tls: certPath && keyPath ? { cert: readFileSync(certPath), key: readFileSync(keyPath) } : undefined,
    stunUrls: list(env.STUN_URLS),
    turn,
    iceTransportPolicy: iceTransportPolicy(env, turn),
    logLevel: env.LOG_LEVEL || 'info',
    helloTimeoutMs: int(env, 'HELLO_TIMEOUT_MS', DEFAULT_HELLO_TIMEOUT_MS, 100, 120_000),
    httpHeadersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 500, 300_000),
    httpRequestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 500, 3_600_000),
    maxBufferedBytes: int(env, 'MAX_BUFFERED_BYTES', DEFAULT_MAX_BUFFERED_BYTES, 64 * 1024, 1024 * 1024 * 1024),
    rateLimitPerSecond: int(env, 'RATE_LIMIT_PER_SECOND', DEFAULT_RATE_LIMIT_PER_SECOND, 1, 1_000_000),
    rateLimitBurst: int(env, 'RATE_LIMIT_BURST', DEFAULT_RATE_LIMIT_BURST, 1, 1_000_000),
    maxConnectionsPerIp: int(env, 'MAX_CONNECTIONS_PER_IP', DEFAULT_MAX_CONNECTIONS_PER_IP, 1, 1_000_000),
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    callRingTimeoutMs: int(env, 'CALL_RING_TIMEOUT_MS', DEFAULT_CALL_RING_TIMEOUT_MS, 1000, 600_000),
    resumeGraceMs: int(env, 'RESUME_GRACE_MS', DEFAULT_RESUME_GRACE_MS, 0, 600_000),
    prejoin: onOff(env, 'PREJOIN', true),
    resumeSecret: env.RESUME_SECRET || undefined,
    stateDir: env.STATE_DIR || join(tmpdir(), 'confab-state'),
    redis: env.REDIS_URL
      ? {
          url: env.REDIS_URL,
          prefix: env.REDIS_PREFIX ?? 'confab:',
          nodeTtlMs: int(env, 'NODE_TTL_MS', 5_000, 300, 600_000),
        }
      : undefined,
    auth:
      secret || jwksUrl
        ? {
            ...(secret ? { secret } : {}),
            ...(jwksUrl ? { jwksUrl } : {}),
            ...(env.AUTH_ISSUER ? { issuer: env.AUTH_ISSUER } : {}),
            ...(env.AUTH_AUDIENCE ? { audience: env.AUTH_AUDIENCE } : {}),
          }
        : undefined,
  };
}

/** An on/off switch: `on`, `off` (also `1`/`0`, `true`/`false`); unset gives the default. */
function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['on', '1', 'true'].includes(raw)) return true;
  if (['off', '0', 'false'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off`);
}
