import { createHmac } from 'node:crypto';
import type { IceServer, IceTransportPolicy } from '@confab/protocol';

export type { IceTransportPolicy };

/**
 * STUN and TURN servers handed to browsers. TURN uses coturn's "TURN REST API" shared secret
 * (`use-auth-secret` + `static-auth-secret`): the server mints a credential per peer that coturn
 * can check on its own, without any call back to Confab:
 *
 *   username   = `<expiry unix time>:<peer id>`
 *   credential = base64(HMAC-SHA1(secret, username))
 *
 * coturn refuses the username once its expiry has passed. The secret itself never leaves the
 * server: a browser only ever sees usernames and credentials that stop working after the TTL.
 */

/** Default lifetime of a TURN credential (TURN_TTL), in seconds. */
export const DEFAULT_TURN_TTL_SECONDS = 3_600;
/** Bounds of TURN_TTL: shorter leaves no time to connect; longer makes a leaked one live for days. */
export const MIN_TURN_TTL_SECONDS = 10;
export const MAX_TURN_TTL_SECONDS = 7 * 24 * 3_600;
/** The server sends fresh credentials (`ice-servers`) when this fraction of their TTL has passed. */
export const ICE_REFRESH_FRACTION = 0.8;

export interface TurnConfig {
  /** `turn:` and `turns:` URLs of one coturn (or several sharing one secret). */
  urls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  ttlSeconds: number;
}

/** The ICE part of the server's configuration. */
export interface IceConfig {
  stunUrls: string[];
  turn: TurnConfig | undefined;
}

export interface TurnCredential {
  username: string;
  credential: string;
}

/** The credential for `username` under coturn's shared secret: base64(HMAC-SHA1(secret, username)). */
export function turnPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** A credential for `peerId` that coturn accepts until `expiresAt` (unix seconds). */
export function turnCredential(secret: string, peerId: string, expiresAt: number): TurnCredential {
  const username = `${expiresAt}:${peerId}`;
  return { username, credential: turnPassword(secret, username) };
}

/** The expiry (unix seconds) of a credential minted at `nowMs` that lives `ttlSeconds`. */
export function turnExpiry(nowMs: number, ttlSeconds: number): number {
  return Math.floor(nowMs / 1000) + ttlSeconds;
}

/**
 * The core's `iceServers(peerId)`: STUN as configured, and TURN with a credential minted for this
 * peer now. Called on every `hello` and again for every `ice-servers` refresh.
 */
export function iceServersFor(config: IceConfig, now: () => number = Date.now): (peerId: string) => IceServer[] {
  const stun: IceServer[] = config.stunUrls.length > 0 ? [{ urls: [...config.stunUrls] }] : [];
  const turn = config.turn;
  if (!turn) return () => stun;
  return (peerId) => [
    ...stun,
    { urls: [...turn.urls], ...turnCredential(turn.secret, peerId, turnExpiry(now(), turn.ttlSeconds)) },
  ];
}

/** How often a connection gets fresh credentials: before they expire, with room for a slow network. */
export function iceRefreshIntervalMs(ttlSeconds: number): number {
  return Math.round(ttlSeconds * 1000 * ICE_REFRESH_FRACTION);
}
