import type { SignalData } from '@confab/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from '../test/fake-rtc.js';
import { PeerSession } from './peer-session.js';
import { POLITE_OFFER_DELAY_MS } from './polite-offer.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  FakePeerConnection.instances = [];
});

/** A session whose first negotiation (its own offer, the other side's answer) is done. */
async function established(selfId: string, remoteId: string) {
  let pc: FakePeerConnection | undefined;
  const session = new PeerSession({
    selfId,
    remoteId,
    iceServers: [],
    localStream: null,
    createPeerConnection: (config) => {
      pc = new FakePeerConnection(config);
      return pc as unknown as RTCPeerConnection;
    },
  });
  const signals: SignalData[] = [];
  session.on('signal', (data) => signals.push(data));
  session.offerLocalMedia();
  await vi.advanceTimersByTimeAsync(1);
  expect(signals).toHaveLength(1); // the first offer is never held back
  session.handleSignal({ description: { type: 'answer', sdp: 'answer-1' } });
  await vi.advanceTimersByTimeAsync(0);
  pc!.log.length = 0;
  signals.length = 0;
  return { session, pc: pc!, signals };
}

describe('the polite side holds back offers on an established connection', () => {
  it('the impolite side offers at once', async () => {
    const { pc, signals } = await established('zed', 'amy');
    pc.onnegotiationneeded?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(signals).toEqual([{ description: { type: 'offer', sdp: 'fake-offer' } }]);
  });

  it('an offer the other side makes meanwhile is answered first, without a rollback; then the polite offer goes', async () => {
    const { session, pc, signals } = await established('amy', 'zed');
    pc.onnegotiationneeded?.();
    await vi.advanceTimersByTimeAsync(POLITE_OFFER_DELAY_MS / 2);
    expect(signals).toEqual([]);
    session.handleSignal({ description: { type: 'offer', sdp: 'their-offer' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(pc.log).toEqual(['setRemoteDescription:offer', 'setLocalDescription:answer']);
    await vi.advanceTimersByTimeAsync(POLITE_OFFER_DELAY_MS);
    expect(pc.log.slice(2)).toEqual(['setLocalDescription:offer']);
    expect(signals.map((s) => ('description' in s ? s.description.type : 'candidate'))).toEqual(['answer', 'offer']);
  });

  it('a session closed while holding back makes no offer', async () => {
    const { session, pc, signals } = await established('amy', 'zed');
    pc.onnegotiationneeded?.();
    session.close();
    await vi.advanceTimersByTimeAsync(POLITE_OFFER_DELAY_MS * 2);
    expect(signals).toEqual([]);
  });
});
