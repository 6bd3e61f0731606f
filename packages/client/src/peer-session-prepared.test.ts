import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from '../test/fake-rtc.js';
import { FAST_START_MS, FULL_SIZE_BPS } from './fast-start.js';
import { PeerSession } from './peer-session.js';

afterEach(() => {
  FakePeerConnection.instances = [];
  vi.useRealTimers();
});

const camera720 = () => Object.assign(new FakeTrack('video'), { getSettings: () => ({ height: 720 }) });

/** A prepared (lobby) session offering to `amy`, told that a 720p camera will follow. */
function preparedOfferer() {
  const hint = camera720();
  let pc: FakePeerConnection | undefined;
  const session = new PeerSession({
    selfId: 'zed',
    remoteId: 'amy',
    iceServers: [],
    localStream: null,
    prepared: true,
    videoHint: () => hint as unknown as MediaStreamTrack,
    createPeerConnection: (config) => {
      pc = new FakePeerConnection(config);
      return pc as unknown as RTCPeerConnection;
    },
  });
  const added = vi.spyOn(pc!, 'addTransceiver');
  session.offerLocalMedia();
  return { session, pc: pc!, added, hint };
}

describe('PeerSession, prepared', () => {
  it('offers audio and video send-and-receive with no track, the video already set to start small', () => {
    const { pc, added, session } = preparedOfferer();
    expect(added.mock.calls.map(([kind, init]) => [kind, init])).toEqual([
      ['audio', { direction: 'sendrecv' }],
      ['video', { direction: 'sendrecv', sendEncodings: [{ scaleResolutionDownBy: 2 }] }],
    ]);
    expect(pc.getSenders().map((s) => s.track)).toEqual([null, null]);
    expect(session.isPrepared).toBe(true);
  });

  it('holds received tracks until startMedia(), which attaches the local tracks and runs the fast start', async () => {
    vi.useFakeTimers();
    const { session, pc, hint } = preparedOfferer();
    const seen: MediaStreamTrack[] = [];
    session.on('track', (track) => seen.push(track));
    const theirs = new FakeTrack('video');
    pc.fireTrack(theirs);
    pc.stats = new Map<string, unknown>([
      ['T', { id: 'T', type: 'transport', selectedCandidatePairId: 'P' }],
      ['P', { id: 'P', type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: FULL_SIZE_BPS }],
    ]);
    pc.setConnectionState('connected');
    expect(seen).toEqual([]);

    const audio = new FakeTrack('audio');
    let ended = 0;
    session.on('fastStartEnded', () => ended++);
    await session.startMedia(new FakeMediaStream([audio, hint]) as unknown as MediaStream);
    expect(seen).toEqual([theirs]);
    expect(pc.getSenders().map((s) => s.track)).toEqual([audio, hint]);
    expect(session.isPrepared).toBe(false);
    // The video goes out small first: the adaptive mesh gets the sender once the fast start is over.
    expect(session.videoSender()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(FAST_START_MS);
    expect(ended).toBe(1);
    expect(session.videoSender()).toBeDefined();
    expect(pc.log.filter((l) => l.startsWith('setLocalDescription'))).toEqual(['setLocalDescription:offer']);
  });
});
