import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './parse.js';

const json = (value: unknown) => JSON.stringify(value);
const TURN = { urls: ['turn:turn.example.org:3478?transport=udp'], username: '1767229200:Ow49XILJWptO7uls', credential: 'kP7h0pQ0TtV1z3kqfL3o8ZyB2mE=' };

describe('ice-servers and welcome.iceTransportPolicy', () => {
  it('parses ice-servers with TURN credentials', () => {
    const parsed = parseServerMessage(json({ type: 'ice-servers', iceServers: [{ urls: 'stun:s:3478' }, TURN] }));
    expect(parsed).toEqual({ ok: true, msg: { type: 'ice-servers', iceServers: [{ urls: 'stun:s:3478' }, TURN] } });
  });

  it('refuses ice-servers without a list, or with a server that has no urls', () => {
    expect(parseServerMessage(json({ type: 'ice-servers' })).ok).toBe(false);
    expect(parseServerMessage(json({ type: 'ice-servers', iceServers: [{ username: 'u', credential: 'c' }] })).ok).toBe(false);
  });

  it('welcome may name the ICE transport policy: all or relay, nothing else', () => {
    const welcome = { type: 'welcome', v: 1, peerId: 'p1', iceServers: [TURN], heartbeatMs: 5000 };
    expect(parseServerMessage(json(welcome)).ok).toBe(true);
    expect(parseServerMessage(json({ ...welcome, iceTransportPolicy: 'relay' })).ok).toBe(true);
    expect(parseServerMessage(json({ ...welcome, iceTransportPolicy: 'all' })).ok).toBe(true);
    expect(parseServerMessage(json({ ...welcome, iceTransportPolicy: 'turn-only' })).ok).toBe(false);
  });
});
