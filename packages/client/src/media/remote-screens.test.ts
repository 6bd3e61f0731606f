import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeTrack } from '../../test/fake-rtc.js';
import { RemoteScreens, type ScreenPeer } from './remote-screens.js';

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
  return () => vi.unstubAllGlobals();
});

interface Peer extends ScreenPeer {
  media: { screen?: string };
}

function setup() {
  const peer: Peer = { id: 'bob', media: {}, stream: new FakeMediaStream() as unknown as MediaStream };
  const events: (MediaStream | null)[] = [];
  const screens = new RemoteScreens<Peer>((_peer, stream) => events.push(stream));
  const camera = new FakeMediaStream();
  const screen = new FakeMediaStream();
  const arrive = (track: FakeTrack, from: FakeMediaStream) =>
    screens.handleTrack(peer, track as unknown as MediaStreamTrack, [from as unknown as MediaStream]);
  return { peer, events, screens, camera, screen, arrive };
}

describe('RemoteScreens', () => {
  it('takes a track of the announced stream as the screen, and camera tracks as not', () => {
    const { peer, events, screens, camera, screen, arrive } = setup();
    expect(arrive(new FakeTrack('video'), camera)).toBe(false);
    peer.media = { screen: screen.id };
    screens.handleMedia(peer);
    const track = new FakeTrack('video');
    expect(arrive(track, screen)).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]?.getVideoTracks()[0]).toBe(track);
    expect(screens.byPeer.get('bob')).toBe(events[0]);
  });

  it('moves a screen track that arrived before its announcement out of the camera stream', () => {
    const { peer, events, screens, screen, arrive } = setup();
    const track = new FakeTrack('video');
    expect(arrive(track, screen)).toBe(false);
    peer.stream.addTrack(track as unknown as MediaStreamTrack);
    peer.media = { screen: screen.id };
    screens.handleMedia(peer);
    expect(peer.stream.getTracks()).toEqual([]);
    expect(events[0]?.getVideoTracks()[0]).toBe(track);
  });

  it('ends the screen when the announcement goes, and keeps a late track of it away from the camera', () => {
    const { peer, events, screens, screen, arrive } = setup();
    peer.media = { screen: screen.id };
    screens.handleMedia(peer);
    const track = new FakeTrack('video');
    arrive(track, screen);
    peer.media = {};
    screens.handleMedia(peer);
    expect(events).toEqual([expect.anything(), null]);
    expect(track.readyState).toBe('ended');
    expect(screens.byPeer.size).toBe(0);
    expect(arrive(new FakeTrack('video'), screen)).toBe(true);
    expect(events).toHaveLength(2);
  });

  it('after a rebuilt connection, shows the screen again when its new track arrives', () => {
    const { peer, events, screens, screen, arrive } = setup();
    peer.media = { screen: screen.id };
    arrive(new FakeTrack('video'), screen);
    screens.handleTracksStopped(peer);
    expect(events.at(-1)).toBeNull();
    arrive(new FakeTrack('video'), screen);
    expect(events.at(-1)).not.toBeNull();
  });
});
