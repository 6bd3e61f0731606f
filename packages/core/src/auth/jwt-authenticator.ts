import { ConfabError } from '@confab/protocol';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { GrantClaims, type Authenticator } from './grant.js';

export interface JwtAuthOptions {
  /** Shared secret for HS256 (AUTH_SECRET). */
  secret?: string;
  /** URL of a JWKS for EdDSA or RS256 (AUTH_JWKS_URL). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

/** Tolerated clock difference between the token's issuer and this server. */
export const CLOCK_TOLERANCE_S = 5;

/**
 * Verifies a JWT with `jose`: only the configured algorithms (never `none`), an `exp` is
 * required, and the claims must form a valid grant.
 */
export function createJwtAuthenticator(options: JwtAuthOptions): Authenticator {
  const { secret, jwksUrl } = options;
  if (!secret && !jwksUrl) throw new Error('createJwtAuthenticator needs a secret or a JWKS URL');
  const key: Uint8Array | JWTVerifyGetKey = secret ? new TextEncoder().encode(secret) : createRemoteJWKSet(new URL(jwksUrl!));
  const algorithms = secret ? ['HS256'] : ['EdDSA', 'RS256'];

  return async (token) => {
    if (!token) throw new ConfabError('AUTH_REQUIRED', 'This server requires a token: pass it in hello.token.', { type: 'hello' });
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
        ...(options.issuer ? { issuer: options.issuer } : {}),
        ...(options.audience ? { audience: options.audience } : {}),
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new ConfabError('AUTH_EXPIRED', 'The token has expired.', { type: 'hello' });
      const reason = err instanceof errors.JOSEError ? err.code : 'unverifiable';
      throw new ConfabError('AUTH_INVALID', `The token was refused (${reason}).`, { type: 'hello' });
    }
    const grant = GrantClaims.safeParse(payload);
    if (!grant.success) throw new ConfabError('AUTH_INVALID', 'The token carries no valid grant (rooms, name, publish).', { type: 'hello' });
    return grant.data;
  };
}
