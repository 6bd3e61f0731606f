import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from '../test/fake-rtc.js';
import { FAST_START_MAX_MS, FAST_START_MS, FULL_SIZE_BPS } from './fast-start.js';
import { PeerSession } from './peer-session.js';

afterEach(() => {
  FakePeerConnection.instances = [];
  vi.useRealTimers();
});

/** A newcomer's session sending a 720p camera. */
function newcomer() {
  const camera = Object.assign(new FakeTrack('video'), { getSettings: () => ({ height: 720 }) });
  const stream = new FakeMediaStream([new FakeTrack('audio'), camera]);
  let pc: FakePeerConnection | undefined;
  const session = new PeerSession({
    selfId: 'zed',
    remoteId: 'amy',
    iceServers: [],
    localStream: stream as unknown as MediaStream,
    createPeerConnection: (config) => {
      pc = new FakePeerConnection(config);
      return pc as unknown as RTCPeerConnection;
    },
  });
  let ended = 0;
  session.on('fastStartEnded', () => ended++);
  session.offerLocalMedia();
  return { session, pc: pc!, ended: () => ended };
}

const estimate = (bps: number) =>
  new Map<string, unknown>([
    ['T', { id: 'T', type: 'transport', selectedCandidatePairId: 'P' }],
    ['P', { id: 'P', type: 'candidate-pair', nominated: true, state: 'succeeded', availableOutgoingBitrate: bps }],
  ]);

describe('PeerSession fast start', () => {
  it('holds the camera sender back until the connection is up and the estimate carries the full size', async () => {
    vi.useFakeTimers();
    const { session, pc, ended } = newcomer();
    expect(session.videoSender()).toBeUndefined();

    pc.stats = estimate(FULL_SIZE_BPS);
    pc.setConnectionState('connected');
    await vi.advanceTimersByTimeAsync(FAST_START_MS);

    expect(ended()).toBe(1);
    expect(session.videoSender()).toBeDefined();
  });

  it('with a low estimate it waits, at most FAST_START_MAX_MS', async () => {
    vi.useFakeTimers();
    const { session, pc, ended } = newcomer();
    pc.stats = estimate(FULL_SIZE_BPS / 4);
    pc.setConnectionState('connected');

    await vi.advanceTimersByTimeAsync(FAST_START_MS * 3);
    expect(ended()).toBe(0);
    expect(session.videoSender()).toBeUndefined();

    await vi.advanceTimersByTimeAsync(FAST_START_MAX_MS);
    expect(ended()).toBe(1);
    expect(session.videoSender()).toBeDefined();
  });

  it('a connection that never comes up keeps nothing running after close', async () => {
    vi.useFakeTimers();
    const { session, ended } = newcomer();
    session.close();
    await vi.advanceTimersByTimeAsync(FAST_START_MAX_MS * 2);
    expect(ended()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
