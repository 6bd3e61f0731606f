import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import {
  DEFAULT_TURN_TTL_SECONDS,
  iceRefreshIntervalMs,
  iceServersFor,
  turnCredential,
  turnExpiry,
  turnPassword,
} from './ice-servers.js';

const SECRET = 'a-turn-secret-that-is-long-enough-0123456789';
/** 2030-01-01T00:00:00.250Z */
const NOW_MS = 1_893_456_000_250;
const NOW_S = 1_893_456_000;

describe('TURN credentials (coturn use-auth-secret)', () => {
  it('the username is "<expiry unix seconds>:<peer id>"', () => {
    const { username } = turnCredential(SECRET, 'Ow49XILJWptO7uls', NOW_S + 600);
    expect(username).toBe(`${NOW_S + 600}:Ow49XILJWptO7uls`);
  });

  it('the credential is base64(HMAC-SHA1(secret, username))', () => {
    const { username, credential } = turnCredential(SECRET, 'peer-1', NOW_S + 600);
    const expected = createHmac('sha1', SECRET).update(username).digest('base64');
    expect(credential).toBe(expected);
    // 20 bytes of SHA-1, base64: 28 characters ending in "=".
    expect(credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('matches a vector computed independently', () => {
    // printf '%s' '1600000000:ann' | openssl dgst -sha1 -hmac 'secret' -binary | base64
    expect(turnPassword('secret', '1600000000:ann')).toBe('S81KBVQ5OjMLWaxwdG6pnQ0r5Ns=');
  });

  it('a different secret, username or expiry gives a different credential', () => {
    const base = turnCredential(SECRET, 'peer-1', NOW_S + 600).credential;
    expect(turnCredential(`${SECRET}x`, 'peer-1', NOW_S + 600).credential).not.toBe(base);
    expect(turnCredential(SECRET, 'peer-2', NOW_S + 600).credential).not.toBe(base);
    expect(turnCredential(SECRET, 'peer-1', NOW_S + 601).credential).not.toBe(base);
  });

  it('expires TTL seconds after minting, in whole seconds', () => {
    expect(turnExpiry(NOW_MS, 3600)).toBe(NOW_S + 3600);
    expect(turnExpiry(NOW_MS + 999, 20)).toBe(NOW_S + 21);
  });
});

describe('iceServersFor', () => {
  const turn = { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], secret: SECRET, ttlSeconds: 600 };

  it('with nothing configured gives no servers (host candidates only)', () => {
    expect(iceServersFor({ stunUrls: [], turn: undefined })('p')).toEqual([]);
  });

  it('gives STUN alone without TURN', () => {
    expect(iceServersFor({ stunUrls: ['stun:s:3478'], turn: undefined })('p')).toEqual([{ urls: ['stun:s:3478'] }]);
  });

  it('mints a TURN credential for the peer, valid for the TTL from now', () => {
    const servers = iceServersFor({ stunUrls: ['stun:s:3478'], turn }, () => NOW_MS)('peer-7');
    expect(servers).toEqual([
      { urls: ['stun:s:3478'] },
      { urls: turn.urls, ...turnCredential(SECRET, 'peer-7', NOW_S + 600) },
    ]);
  });

  it('mints a fresh credential on every call, with the expiry moving with the clock', () => {
    let now = NOW_MS;
    const mint = iceServersFor({ stunUrls: [], turn }, () => now);
    const first = mint('peer-7')[0]!;
    now += 60_000;
    const later = mint('peer-7')[0]!;
    expect(first.username).toBe(`${NOW_S + 600}:peer-7`);
    expect(later.username).toBe(`${NOW_S + 660}:peer-7`);
    expect(later.credential).not.toBe(first.credential);
  });

  it('never puts the secret in what browsers receive', () => {
    const servers = iceServersFor({ stunUrls: [], turn }, () => NOW_MS)('peer-7');
    expect(JSON.stringify(servers)).not.toContain(SECRET);
  });

  it('refreshes at 80% of the TTL', () => {
    expect(iceRefreshIntervalMs(3600)).toBe(2_880_000);
    expect(iceRefreshIntervalMs(20)).toBe(16_000);
  });
});

describe('TURN and ICE policy configuration', () => {
  const env = { TURN_URLS: 'turn:t.example.org:3478, turns:t.example.org:5349', TURN_SECRET: SECRET };

  it('reads TURN_URLS, TURN_SECRET and TURN_TTL (default one hour)', () => {
    expect(loadConfig(env).turn).toEqual({
      urls: ['turn:t.example.org:3478', 'turns:t.example.org:5349'],
      secret: SECRET,
      ttlSeconds: DEFAULT_TURN_TTL_SECONDS,
    });
    expect(loadConfig({ ...env, TURN_TTL: '20' }).turn?.ttlSeconds).toBe(20);
  });

  it('has no TURN and policy "all" by default', () => {
    expect(loadConfig({})).toMatchObject({ turn: undefined, iceTransportPolicy: 'all' });
  });

  it('reads ICE_TRANSPORT_POLICY=relay', () => {
    expect(loadConfig({ ...env, ICE_TRANSPORT_POLICY: 'relay' }).iceTransportPolicy).toBe('relay');
  });

  it.each([
    [{ TURN_URLS: 'turn:t:3478' }, /TURN_URLS and TURN_SECRET/],
    [{ TURN_SECRET: SECRET }, /TURN_URLS and TURN_SECRET/],
    [{ TURN_URLS: 'turn:t:3478', TURN_SECRET: 'short' }, /TURN_SECRET must be at least 32/],
    [{ TURN_URLS: 'stun:t:3478', TURN_SECRET: SECRET }, /turn: or turns:/],
    [{ ...env, TURN_TTL: '5' }, /TURN_TTL/],
    [{ ...env, TURN_TTL: 'soon' }, /TURN_TTL/],
    [{ ICE_TRANSPORT_POLICY: 'relay' }, /needs TURN_URLS/],
    [{ ...env, ICE_TRANSPORT_POLICY: 'turn' }, /all or relay/],
  ])('refuses %o with a clear message', (bad, pattern) => {
    expect(() => loadConfig(bad)).toThrow(ConfigError);
    expect(() => loadConfig(bad)).toThrow(pattern);
  });
});
