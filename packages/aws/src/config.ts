import type { IceServer } from '@confab/protocol';
import { MAX_MESSAGE_BYTES } from '@confab/protocol';
import { DEFAULT_MAX_PEERS, type JwtAuthOptions } from '@confab/core';
import type { TableNames } from './dynamo-store.js';

/** API Gateway drops a WebSocket that is idle for 10 minutes. */
export const API_GATEWAY_IDLE_TIMEOUT_MS = 10 * 60_000;
/**
 * The ping interval announced in `welcome`: well under the idle timeout, and each ping is one
 * Lambda invocation, so not much faster than needed either.
 */
export const LAMBDA_HEARTBEAT_MS = 60_000;
/** API Gateway refuses WebSocket messages over 128 KB. */
export const API_GATEWAY_MAX_MESSAGE_BYTES = 128 * 1024;

/** Everything the Lambda reads from its environment; template.yaml sets the same variables. */
export interface LambdaConfig {
  tables: TableNames;
  maxPeers: number;
  heartbeatMs: number;
  maxMessageBytes: number;
  iceServers: IceServer[];
  allowedOrigins: string[];
  callbackUrl: string | undefined;
  auth: JwtAuthOptions | undefined;
  /**
   * Key of the resume tokens. Each invocation builds a new core, so without a fixed key a
   * dropped client can only resume while its old session row still exists.
   */
  resumeSecret: string | undefined;
  /** Whether lobbies may prepare their join (`prepare`); PREJOIN=off refuses it, as on the Node server. */
  prejoin: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** HS256 keys (and resume secrets) shorter than this are refused, as by the Node server. */
export const MIN_AUTH_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function required(env: NodeJS.ProcessEnv, key: string): string {
  const value = env[key];
  if (!value) throw new ConfigError(`${key} must be set`);
  return value;
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

function onOff(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (['on', '1', 'true'].includes(raw)) return true;
  if (['off', '0', 'false'].includes(raw)) return false;
  throw new ConfigError(`${key} must be on or off, got "${raw}"`);
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function loadLambdaConfig(env: NodeJS.ProcessEnv = process.env): LambdaConfig {
  const secret = env.AUTH_SECRET || undefined;
  const jwksUrl = env.AUTH_JWKS_URL || undefined;
  if (secret && jwksUrl) throw new ConfigError('set AUTH_SECRET or AUTH_JWKS_URL, not both');
  if (secret && secret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new ConfigError(`AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters`);
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const resumeSecret = env.RESUME_SECRET || undefined;
  if (resumeSecret && resumeSecret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new ConfigError(`RESUME_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters`);
  }
  const stunUrls = list(env.STUN_URLS);
  return {
    tables: {
      connections: required(env, 'CONNECTIONS_TABLE'),
      rooms: required(env, 'ROOMS_TABLE'),
      directory: required(env, 'DIRECTORY_TABLE'),
    },
    maxPeers: int(env, 'MAX_PEERS', DEFAULT_MAX_PEERS, 1, 64),
    heartbeatMs: int(env, 'HEARTBEAT_MS', LAMBDA_HEARTBEAT_MS, 1_000, API_GATEWAY_IDLE_TIMEOUT_MS / 2),
    maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', MAX_MESSAGE_BYTES, 1024, API_GATEWAY_MAX_MESSAGE_BYTES),
    iceServers: stunUrls.length > 0 ? [{ urls: stunUrls }] : [],
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    callbackUrl: env.CALLBACK_URL || undefined,
    auth:
      secret || jwksUrl
        ? {
            ...(secret ? { secret } : {}),
            ...(jwksUrl ? { jwksUrl } : {}),
            ...(env.AUTH_ISSUER ? { issuer: env.AUTH_ISSUER } : {}),
            ...(env.AUTH_AUDIENCE ? { audience: env.AUTH_AUDIENCE } : {}),
          }
        : undefined,
    resumeSecret,
    prejoin: onOff(env, 'PREJOIN', true),
    logLevel: logLevel as LambdaConfig['logLevel'],
  };
}
