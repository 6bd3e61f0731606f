import { describe, expect, it } from 'vitest';
import { FakeMediaStream, FakeTrack } from '../../test/fake-rtc.js';
import { replaceLocalTrack, swapStreamTrack, type TrackSender } from './local-tracks.js';

const asTrack = (t: FakeTrack) => t as unknown as MediaStreamTrack;
const asStream = (s: FakeMediaStream) => s as unknown as MediaStream;

describe('swapStreamTrack', () => {
  it('puts the new track in place of the old one of its kind and keeps it muted if it was', () => {
    const mic = new FakeTrack('audio');
    const camera = new FakeTrack('video');
    camera.enabled = false;
    const stream = new FakeMediaStream([mic, camera]);
    const next = new FakeTrack('video');
    expect(swapStreamTrack(asStream(stream), asTrack(next))).toBe(camera);
    expect(stream.getTracks()).toEqual([mic, next]);
    expect(next.enabled).toBe(false);
  });
});

describe('replaceLocalTrack', () => {
  it('replaces the track in every sender without renegotiating, then stops the old one', async () => {
    const camera = new FakeTrack('video');
    const stream = new FakeMediaStream([camera]);
    const calls: [MediaStreamTrack, MediaStreamTrack][] = [];
    const sender: TrackSender = {
      replaceTrack: async (previous, next) => {
        calls.push([previous, next]);
        return true;
      },
    };
    const next = new FakeTrack('video');
    await replaceLocalTrack(asStream(stream), asTrack(next), [sender, sender]);
    expect(calls).toEqual([
      [camera, next],
      [camera, next],
    ]);
    expect(camera.readyState).toBe('ended');
    expect(stream.getVideoTracks()).toEqual([next]);
  });

  it('refuses a kind the stream never had', async () => {
    const stream = new FakeMediaStream([new FakeTrack('audio')]);
    await expect(replaceLocalTrack(asStream(stream), asTrack(new FakeTrack('video')), [])).rejects.toThrow(TypeError);
    await expect(replaceLocalTrack(null, asTrack(new FakeTrack('video')), [])).rejects.toThrow(TypeError);
  });
});
