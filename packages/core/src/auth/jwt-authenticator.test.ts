import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { coreKit } from '../test-kit.js';
import { createJwtAuthenticator } from './jwt-authenticator.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const key = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

/** `exp: null` leaves the claim out. */
function token(claims: Record<string, unknown>, exp: number | null = now() + 3600, signWith = key) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(signWith);
}

function kit() {
  return coreKit({ authenticate: createJwtAuthenticator({ secret: SECRET }) });
}

async function helloCode(k: ReturnType<typeof kit>, tok: string | undefined) {
  await k.send('c', { type: 'hello', v: 1, ...(tok ? { token: tok } : {}) });
  const m = k.last('c');
  return m?.type === 'error' ? m.code : m?.type;
}

describe('JWT authentication', () => {
  it('a valid token is welcomed and its grant admits the room under the token name', async () => {
    const k = kit();
    expect(await helloCode(k, await token({ rooms: ['standup'], name: 'Ann Lee' }))).toBe('welcome');
    await k.send('c', { type: 'join', room: 'standup', name: 'Someone Else' });
    expect(k.last('c')).toMatchObject({ type: 'joined', self: { name: 'Ann Lee' } });
  });

  it.each([
    ['no token', async () => undefined, 'AUTH_REQUIRED'],
    ['garbage', async () => 'not.a.jwt', 'AUTH_INVALID'],
    ['alg=none', async () => new UnsecuredJWT({ rooms: ['*'] }).setExpirationTime('1h').encode(), 'AUTH_INVALID'],
    ['bad signature', async () => token({ rooms: ['*'] }, undefined, new TextEncoder().encode('another-secret-another-secret-xx')), 'AUTH_INVALID'],
    ['tampered payload', async () => {
      const [h, , s] = (await token({ rooms: ['a'] })).split('.');
      const body = Buffer.from(JSON.stringify({ rooms: ['*'], exp: now() + 3600 })).toString('base64url');
      return `${h}.${body}.${s}`;
    }, 'AUTH_INVALID'],
    ['expired', async () => token({ rooms: ['*'] }, now() - 60), 'AUTH_EXPIRED'],
    ['no exp', async () => token({ rooms: ['*'] }, null), 'AUTH_INVALID'],
    ['no grant', async () => token({ sub: 'x' }), 'AUTH_INVALID'],
  ])('%s is refused with %s before any state changes', async (_name, make, code) => {
    const k = kit();
    expect(await helloCode(k, await make())).toBe(code);
    expect(k.store.sessionCount).toBe(0);
  });

  it('a token for another room is refused with ROOM_NOT_ALLOWED', async () => {
    const k = kit();
    await helloCode(k, await token({ rooms: ['a', 'b'] }));
    await k.send('c', { type: 'join', room: 'c', name: 'Ann' });
    expect(k.last('c')).toMatchObject({ type: 'error', code: 'ROOM_NOT_ALLOWED' });
    expect(k.store.roomCount).toBe(0);
  });

  it('a token without publish joins with media off and may not turn it on', async () => {
    const k = kit();
    await helloCode(k, await token({ rooms: ['*'], publish: false }));
    await k.send('c', { type: 'join', room: 'r', name: 'Viewer', media: { audio: true, video: true } });
    expect(k.last('c')).toMatchObject({ type: 'joined', self: { media: { audio: false, video: false } } });
    await k.send('c', { type: 'media', audio: true, video: false });
    expect(k.last('c')).toMatchObject({ type: 'error', code: 'PUBLISH_NOT_ALLOWED' });
  });

  it('verifies EdDSA tokens against a JWKS URL', async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
    const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const k = coreKit({ authenticate: createJwtAuthenticator({ jwksUrl: url }) });
      const good = await new SignJWT({ rooms: ['*'] }).setProtectedHeader({ alg: 'EdDSA', kid: 'k1' }).setExpirationTime('1h').sign(privateKey);
      await k.send('c', { type: 'hello', v: 1, token: good });
      expect(k.last('c')).toMatchObject({ type: 'welcome' });
      const hs = await token({ rooms: ['*'] });
      await k.send('d', { type: 'hello', v: 1, token: hs });
      expect(k.last('d')).toMatchObject({ type: 'error', code: 'AUTH_INVALID' });
    } finally {
      server.close();
    }
  });
});
