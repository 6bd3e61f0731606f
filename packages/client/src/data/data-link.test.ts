import type { SignalData } from '@confab/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from '../../test/fake-rtc.js';
import { PeerSession } from '../peer-session.js';
import { DataLink, FILE_CHANNEL, MESSAGE_CHANNEL } from './data-link.js';

afterEach(() => {
  FakePeerConnection.instances = [];
  vi.restoreAllMocks();
});

function session(selfId: string, remoteId: string) {
  let pc: FakePeerConnection | undefined;
  const created = new PeerSession({
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
  created.on('signal', (data) => signals.push(data));
  return { session: created, pc: pc!, signals };
}

describe('data channels of a peer session', () => {
  it('the newcomer makes both pre-negotiated channels before its first offer', () => {
    const { session: s, pc } = session('amy', 'zed');
    expect(pc.dataChannels).toHaveLength(0);
    s.offerLocalMedia();
    expect(pc.dataChannels.map((c) => [c.label, c.id])).toEqual([
      [MESSAGE_CHANNEL.label, 0],
      [FILE_CHANNEL.label, 1],
    ]);
    expect(s.data.messages?.state).toBe('connecting');
  });

  it('the member already there makes them on the first offer, not before (no offer of its own, no glare)', async () => {
    const { session: s, pc, signals } = session('zed', 'amy');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pc.dataChannels).toHaveLength(0);
    s.handleSignal({ description: { type: 'offer', sdp: 'remote-offer' } });
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    expect(signals[0]).toEqual({ description: { type: 'answer', sdp: 'fake-answer' } });
    expect(pc.dataChannels.map((c) => c.id)).toEqual([0, 1]);
    // A later offer does not make them again.
    s.handleSignal({ description: { type: 'offer', sdp: 'remote-offer' } });
    await vi.waitFor(() => expect(signals).toHaveLength(2));
    expect(pc.dataChannels).toHaveLength(2);
  });

  it('closing the session closes its channels', () => {
    const { session: s, pc } = session('amy', 'zed');
    s.offerLocalMedia();
    s.close();
    expect(pc.dataChannels.every((c) => c.readyState === 'closed')).toBe(true);
    expect(s.data.messages).toBeUndefined();
  });
});

describe('DataLink', () => {
  it('attached to a rebuilt connection, it closes the old channels and announces the new ones', () => {
    const link = new DataLink('zed');
    const first = new FakePeerConnection({});
    const second = new FakePeerConnection({});
    const attached = vi.fn();
    link.on('attached', attached);
    link.attach(first);
    link.attach(first);
    expect(attached).toHaveBeenCalledOnce();
    link.attach(second);
    expect(attached).toHaveBeenCalledTimes(2);
    expect(first.dataChannels.every((c) => c.readyState === 'closed')).toBe(true);
    expect(second.dataChannels.every((c) => c.readyState === 'connecting')).toBe(true);
  });

  it('a connection that cannot make data channels leaves the call working, with a warning', () => {
    const link = new DataLink('zed');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    link.attach({
      createDataChannel: () => {
        throw new DOMException('closed', 'InvalidStateError');
      },
    });
    expect(link.messages).toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
  });
});
