import type { SignalData } from '@confab/protocol';
import { describe, expect, it } from 'vitest';
import { PendingSignals } from './pending-signals.js';

const offer: SignalData = { description: { type: 'offer', sdp: 'v=0' } };
const candidate = (n: number): SignalData => ({ candidate: { candidate: `candidate:${n}`, sdpMid: '0' } });

describe('PendingSignals', () => {
  it('keeps early signals per peer and hands them back once, in order', () => {
    const pending = new PendingSignals();
    pending.add('bob', offer);
    pending.add('cy', candidate(9));
    pending.add('bob', candidate(1));
    expect(pending.take('bob')).toEqual([offer, candidate(1)]);
    expect(pending.take('bob')).toEqual([]);
    expect(pending.take('cy')).toEqual([candidate(9)]);
  });

  it('keeps at most maxPerPeer signals for one peer', () => {
    const pending = new PendingSignals(4, 2);
    pending.add('bob', offer);
    pending.add('bob', candidate(1));
    pending.add('bob', candidate(2));
    expect(pending.take('bob')).toEqual([offer, candidate(1)]);
  });

  it('forgets the oldest peer when too many are waiting', () => {
    const pending = new PendingSignals(2, 8);
    pending.add('a', candidate(1));
    pending.add('b', candidate(2));
    pending.add('c', candidate(3));
    expect(pending.peerCount).toBe(2);
    expect(pending.take('a')).toEqual([]);
    expect(pending.take('c')).toEqual([candidate(3)]);
  });

  it('drop and clear forget signals', () => {
    const pending = new PendingSignals();
    pending.add('a', candidate(1));
    pending.add('b', candidate(2));
    pending.drop('a');
    expect(pending.take('a')).toEqual([]);
    pending.clear();
    expect(pending.peerCount).toBe(0);
  });
});
