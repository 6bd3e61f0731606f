import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_MESSAGE_BYTES } from '@confab/protocol';
import { DEFAULT_MAX_PEERS, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS } from '@confab/core';

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
  logLevel: string;
}

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const certPath = env.TLS_CERT;
  const keyPath = env.TLS_KEY;
  if (Boolean(certPath) !== Boolean(keyPath)) throw new ConfigError('TLS_CERT and TLS_KEY must be set together');
  const heartbeatIntervalMs = int(env, 'HEARTBEAT_INTERVAL_MS', HEARTBEAT_INTERVAL_MS, 100, 60_000);
  const heartbeatTimeoutMs = int(env, 'HEARTBEAT_TIMEOUT_MS', HEARTBEAT_TIMEOUT_MS, 200, 120_000);
  if (heartbeatTimeoutMs <= heartbeatIntervalMs) {
    throw new ConfigError('HEARTBEAT_TIMEOUT_MS must be longer than HEARTBEAT_INTERVAL_MS');
  }
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
    logLevel: env.LOG_LEVEL || 'info',
  };
}
