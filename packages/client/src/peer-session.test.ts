import type { SignalData } from '@confab/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePeerConnection } from '../test/fake-rtc.js';
import { PeerSession } from './peer-session.js';
import { START_BITRATE_KBPS, withStartBitrate } from './start-bitrate.js';

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
      // The fake stands in for the DOM class the SDK is typed against.
      return pc as unknown as RTCPeerConnection;
    },
  });
  const signals: SignalData[] = [];
  created.on('signal', (data) => signals.push(data));
  return { session: created, pc: pc!, signals };
}

const remoteOffer: SignalData = { description: { type: 'offer', sdp: 'remote-offer' } };
const remoteAnswer: SignalData = { description: { type: 'answer', sdp: 'remote-answer' } };

describe('PeerSession perfect negotiation', () => {
  it('the side with the smaller id is polite', () => {
    expect(session('amy', 'zed').session.polite).toBe(true);
    expect(session('zed', 'amy').session.polite).toBe(false);
  });

  it('the impolite side ignores an offer that collides with its own, and that offer\'s candidates', async () => {
    const { session: s, pc, signals } = session('zed', 'amy');
    s.offerLocalMedia();
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    s.handleSignal(remoteOffer);
    s.handleSignal({ candidate: { candidate: 'c1', sdpMid: '0' } });
    s.handleSignal(remoteAnswer);
    await vi.waitFor(() => expect(pc.log).toContain('setRemoteDescription:answer'));
    expect(pc.log).toEqual([
      'addTransceiver:audio:recvonly',
      'addTransceiver:video:recvonly',
      'setLocalDescription:offer',
      'setRemoteDescription:answer',
    ]);
    expect(signals).toHaveLength(1);
  });

  it('the polite side takes a colliding offer (rolling back its own) and answers it', async () => {
    const { session: s, pc, signals } = session('amy', 'zed');
    s.offerLocalMedia();
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    s.handleSignal(remoteOffer);
    await vi.waitFor(() => expect(signals).toHaveLength(2));
    expect(signals[1]).toEqual({ description: { type: 'answer', sdp: 'fake-answer' } });
    expect(pc.log.slice(-2)).toEqual(['setRemoteDescription:offer', 'setLocalDescription:answer']);
  });

  it('applies the other side\'s video codecs with the start bitrate (start-bitrate.ts), so its own video starts at it', async () => {
    const { session: s, pc, signals } = session('amy', 'zed');
    const sdp = ['v=0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=rtpmap:96 VP8/90000', ''].join('\r\n');
    s.handleSignal({ description: { type: 'offer', sdp } });
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    expect(pc.remoteDescription?.sdp).toBe(withStartBitrate(sdp));
    expect(pc.remoteDescription?.sdp).toContain(`a=fmtp:96 x-google-start-bitrate=${START_BITRATE_KBPS}`);
  });

  it('local candidates are relayed as plain init objects, and null as end-of-candidates', () => {
    const { pc, signals } = session('amy', 'zed');
    pc.onicecandidate?.({
      candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u1', toJSON() {} },
    });
    pc.onicecandidate?.({ candidate: null });
    expect(signals).toEqual([
      { candidate: { candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u1' } },
      { candidate: null },
    ]);
  });

  it('close() is idempotent and silences the session', async () => {
    const { session: s, pc, signals } = session('amy', 'zed');
    s.close();
    s.close();
    s.handleSignal(remoteOffer);
    s.restartIce();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pc.log).toEqual(['close']);
    expect(signals).toEqual([]);
  });
});
