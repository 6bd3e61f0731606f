import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakePeerConnection, FakeTrack } from '../test/fake-rtc.js';
import { FAST_START_MS, FULL_SIZE_BPS } from './fast-start.js';
import { PeerSession } from './peer-session.js';

afterEach(() => {
  FakePeerConnection.instances = [];
  vi.useRealTimers();
});

const camera720 = () => Object.assign(new FakeTrack('video'), { getSettings: () => ({ height: 720 }) });

type PlaceholderFactory = NonNullable<ConstructorParameters<typeof PeerSession>[0]['placeholderVideo']>;

/**
 * A prepared (lobby) session offering to `amy`, told that `hint` (a 720p camera) will follow;
 * with no `placeholderVideo`, the page can make no blank picture (as in Node).
 */
function preparedOfferer({
  hint = camera720(),
  videoHint = () => hint,
  placeholderVideo = () => undefined,
}: { hint?: FakeTrack; videoHint?: () => FakeTrack | undefined; placeholderVideo?: PlaceholderFactory } = {}) {
  let pc: FakePeerConnection | undefined;
  const session = new PeerSession({
    selfId: 'zed',
    remoteId: 'amy',
    iceServers: [],
    localStream: null,
    prepared: true,
    videoHint: () => videoHint() as unknown as MediaStreamTrack | undefined,
    placeholderVideo,
    createPeerConnection: (config) => {
      pc = new FakePeerConnection(config);
      return pc as unknown as RTCPeerConnection;
    },
  });
  const added = vi.spyOn(pc!, 'addTransceiver');
  session.offerLocalMedia();
  return { session, pc: pc!, added, hint };
}

/** A blank picture as the session sees it, counting its releases. */
function fakePlaceholder() {
  const track = new FakeTrack('video');
  const asked: string[] = [];
  let released = 0;
  const factory: PlaceholderFactory = (width, height) => {
    asked.push(`${width}x${height}`);
    return { track: track as unknown as MediaStreamTrack, release: () => released++ };
  };
  return { track, asked, factory, released: () => released };
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

  it("sends a blank picture of the camera's size before the click, and the camera instead of it after", async () => {
    const hint = Object.assign(new FakeTrack('video'), { getSettings: () => ({ width: 1280, height: 720 }) });
    const blank = fakePlaceholder();
    const { session, pc } = preparedOfferer({ hint, placeholderVideo: blank.factory });
    await vi.waitFor(() => expect(pc.getSenders().map((s) => s.track)).toEqual([null, blank.track]));
    expect(blank.asked).toEqual(['1280x720']);

    const audio = new FakeTrack('audio');
    await session.startMedia(new FakeMediaStream([audio, hint]) as unknown as MediaStream);
    expect(pc.getSenders().map((s) => s.track)).toEqual([audio, hint]);
    expect(blank.released()).toBe(1);
    session.close();
    expect(blank.released()).toBe(1);
  });

  it('stops the blank picture when the join comes with no camera, and lets it go on close', async () => {
    const hint = Object.assign(new FakeTrack('video'), { getSettings: () => ({ width: 640, height: 360 }) });
    const blank = fakePlaceholder();
    const joined = preparedOfferer({ hint, placeholderVideo: blank.factory });
    await vi.waitFor(() => expect(joined.pc.getSenders()[1]!.track).toBe(blank.track));
    const audio = new FakeTrack('audio');
    await joined.session.startMedia(new FakeMediaStream([audio]) as unknown as MediaStream);
    expect(joined.pc.getSenders().map((s) => s.track)).toEqual([audio, null]);
    expect(blank.released()).toBe(1);

    const dropped = preparedOfferer({ hint, placeholderVideo: blank.factory });
    await vi.waitFor(() => expect(dropped.pc.getSenders()[1]!.track).toBe(blank.track));
    dropped.session.close();
    expect(blank.released()).toBe(2);
  });

  it('follows a camera that comes up after the preparation, is switched or turned off, until the click', async () => {
    const sized = (width: number, height: number) => Object.assign(new FakeTrack('video'), { getSettings: () => ({ width, height }) });
    let camera: FakeTrack | undefined;
    const blanks: { size: string; track: FakeTrack; released: boolean }[] = [];
    const { session, pc } = preparedOfferer({
      videoHint: () => camera,
      placeholderVideo: (width, height) => {
        const blank = { size: `${width}x${height}`, track: new FakeTrack('video'), released: false };
        blanks.push(blank);
        return { track: blank.track as unknown as MediaStreamTrack, release: () => void (blank.released = true) };
      },
    });
    // The video sender's encoding, as a browser keeps it.
    const sender = pc.getSenders()[1]! as unknown as { track: FakeTrack | null };
    let encodings: RTCRtpEncodingParameters[] = [{}];
    Object.assign(sender, {
      getParameters: () => ({ encodings: encodings.map((e) => ({ ...e })) }),
      setParameters: async (params: { encodings: RTCRtpEncodingParameters[] }) => void (encodings = params.encodings),
    });
    // No camera yet when the lobby prepared: nothing to send, nothing scaled.
    expect(sender.track).toBeNull();

    camera = sized(1280, 720);
    await session.refreshPreparedVideo();
    expect(encodings[0]!.scaleResolutionDownBy).toBe(2);
    expect(blanks.map((b) => b.size)).toEqual(['1280x720']);
    expect(sender.track).toBe(blanks[0]!.track);

    // Another camera, of 360 lines: sent at its own size, with a blank picture of that size.
    camera = sized(640, 360);
    await session.refreshPreparedVideo();
    expect(encodings[0]!.scaleResolutionDownBy).toBe(1);
    expect(sender.track).toBe(blanks[1]!.track);
    expect(blanks.map((b) => [b.size, b.released])).toEqual([['1280x720', true], ['640x360', false]]);

    // The camera turned off: the blank picture stops.
    camera = undefined;
    await session.refreshPreparedVideo();
    expect(sender.track).toBeNull();
    expect(blanks[1]!.released).toBe(true);

    // On again, then Join: the camera goes on the sender set for it.
    camera = sized(1280, 720);
    await session.refreshPreparedVideo();
    expect(sender.track).toBe(blanks[2]!.track);
    await session.startMedia(new FakeMediaStream([camera]) as unknown as MediaStream);
    expect(sender.track).toBe(camera);
    expect(encodings[0]!.scaleResolutionDownBy).toBe(2);
    expect(blanks.every((b) => b.released)).toBe(true);
    // After the start, a change of the lobby's camera no longer applies.
    camera = sized(640, 360);
    await session.refreshPreparedVideo();
    expect(sender.track).not.toBe(camera);
    expect(blanks).toHaveLength(3);
    session.close();
  });
});
