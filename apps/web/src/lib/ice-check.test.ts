import { describe, expect, it } from 'vitest';
import type { MessageKey } from '../i18n/messages.js';
import { translator } from '../i18n/translate.js';
import { candidateKind, configuredKinds, summarize, type Gathered } from './ice-check.js';

const english = (key: MessageKey | null) => (key ? translator('en')(key) : '');
const counts = (host: number, srflx: number, relay: number): Gathered['counts'] => ({ host, srflx, relay });

describe('candidateKind', () => {
  it('reads typ from a candidate line', () => {
    expect(candidateKind('candidate:1 1 udp 2122260223 7a1c.local 54321 typ host generation 0')).toBe('host');
    expect(candidateKind('candidate:2 1 udp 1686052607 198.51.100.7 46154 typ srflx raddr 0.0.0.0 rport 0')).toBe('srflx');
    expect(candidateKind('candidate:3 1 udp 41885439 203.0.113.5 50000 typ relay raddr 198.51.100.7 rport 46154')).toBe('relay');
    expect(candidateKind('candidate:4 1 udp 1 10.0.0.1 1 typ prflx')).toBeUndefined();
    expect(candidateKind('')).toBeUndefined();
  });
});

describe('configuredKinds', () => {
  it('nothing configured: host only', () => {
    expect(configuredKinds([])).toEqual({ host: true, srflx: false, relay: false });
  });

  it('STUN gives srflx; a UDP TURN server gives both srflx and relay; TURN over TLS only relay', () => {
    expect(configuredKinds([{ urls: 'stun:s:3478' }])).toEqual({ host: true, srflx: true, relay: false });
    expect(configuredKinds([{ urls: ['turn:t:3478?transport=udp'] }])).toEqual({ host: true, srflx: true, relay: true });
    expect(configuredKinds([{ urls: ['turns:t:5349'] }])).toEqual({ host: true, srflx: false, relay: true });
    expect(configuredKinds([{ urls: ['turn:t:3478?transport=tcp'] }])).toEqual({ host: true, srflx: false, relay: true });
  });
});

describe('summarize', () => {
  const all = { host: true, srflx: true, relay: true };

  it('everything found: each kind works', () => {
    expect(summarize({ counts: counts(2, 1, 1), errors: [] }, all).map((r) => r.status)).toEqual(['works', 'works', 'works']);
  });

  it('a kind the servers cannot give is "not configured", and says what that means', () => {
    const [, srflx, relay] = summarize({ counts: counts(1, 0, 0), errors: [] }, { host: true, srflx: false, relay: false });
    expect(srflx).toMatchObject({ status: 'not-configured' });
    expect(relay).toMatchObject({ status: 'not-configured' });
    expect(english(relay!.explanation)).toMatch(/no TURN relay/);
  });

  it('a refused TURN sign-in is explained as a server problem', () => {
    const errors = [{ url: 'turn:t:3478?transport=udp', errorCode: 401, errorText: 'Unauthorized' }];
    const relay = summarize({ counts: counts(1, 1, 0), errors }, all)[2]!;
    expect(relay.status).toBe('failed');
    expect(english(relay.explanation)).toMatch(/TURN_SECRET/);
  });

  it('an unreachable relay is explained as blocked or down', () => {
    const errors = [{ url: 'turn:t:3478?transport=udp', errorCode: 701, errorText: 'timeout' }];
    expect(english(summarize({ counts: counts(1, 0, 0), errors }, all)[2]!.explanation)).toMatch(/could not be reached/);
  });

  it('no host candidate at all says WebRTC is blocked', () => {
    expect(english(summarize({ counts: counts(0, 0, 0), errors: [] }, all)[0]!.explanation)).toMatch(/WebRTC may be turned off/);
  });
});
