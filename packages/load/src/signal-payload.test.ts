import { ClientSignal, MAX_MESSAGE_BYTES, parseClientMessage } from '@confab/protocol';
import { describe, expect, it } from 'vitest';
import { iceCandidate, newIceIdentity, readSignalId, sessionDescription } from './signal-payload.js';

const frame = (data: unknown) => JSON.stringify({ type: 'signal', rid: 's1', to: 'Q2xhcmEtcGVlci1pZA', data });

describe('signal payloads', () => {
  const ice = newIceIdentity();

  it('offers and answers are SDP-sized (3–5 KB) and pass the server schema', () => {
    for (const kind of ['offer', 'answer'] as const) {
      const text = frame(sessionDescription(kind, 123_456_789, ice));
      expect(text.length).toBeGreaterThanOrEqual(3_000);
      expect(text.length).toBeLessThanOrEqual(5_000);
      expect(text.length).toBeLessThan(MAX_MESSAGE_BYTES);
      const parsed = parseClientMessage(text);
      expect(parsed.ok, parsed.ok ? '' : parsed.error.message).toBe(true);
    }
  });

  it('candidates are about 250-byte frames and pass the server schema', () => {
    for (let i = 0; i < 10; i++) {
      const text = frame(iceCandidate(1_000_000 + i, i, ice));
      expect(text.length).toBeGreaterThanOrEqual(200);
      expect(text.length).toBeLessThanOrEqual(300);
      expect(parseClientMessage(text).ok).toBe(true);
    }
  });

  it('the signal id and kind read back from the SDP session id and the candidate foundation', () => {
    expect(readSignalId(sessionDescription('offer', 42, ice))).toEqual({ id: 42, kind: 'offer' });
    expect(readSignalId(sessionDescription('answer', 43, ice))).toEqual({ id: 43, kind: 'answer' });
    expect(readSignalId(iceCandidate(44, 3, ice))).toEqual({ id: 44, kind: 'candidate' });
  });

  it('data without a signal id reads as none', () => {
    expect(readSignalId({ candidate: null })).toBeUndefined();
    expect(readSignalId({ description: { type: 'rollback' } })).toBeUndefined();
    expect(ClientSignal.safeParse({ type: 'signal', to: 'x', data: { candidate: { candidate: 'candidate:abc 1 udp' } } }).success).toBe(true);
    expect(readSignalId({ candidate: { candidate: 'candidate:abc 1 udp' } })).toBeUndefined();
  });
});
