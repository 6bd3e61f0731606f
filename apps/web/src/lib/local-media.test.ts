import { describe, expect, it, vi } from 'vitest';
import { LocalMedia } from './local-media.js';

function fakeStream() {
  const track = { stop: vi.fn(), enabled: true, readyState: 'live' };
  const stream = { getTracks: () => [track] } as unknown as MediaStream;
  return { stream, track };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LocalMedia', () => {
  it('is idle, then pending, then ready with the captured stream', async () => {
    const { stream } = fakeStream();
    const capture = vi.fn(() => Promise.resolve(stream));
    const media = new LocalMedia('camera-and-microphone', capture);
    expect(media.getSnapshot().status).toBe('idle');
    const ready = media.start();
    expect(media.getSnapshot().status).toBe('pending');
    expect(media.start()).toBe(ready);
    await expect(ready).resolves.toBe(stream);
    expect(capture).toHaveBeenCalledTimes(1);
    expect(media.getSnapshot()).toEqual({ status: 'ready', stream });
  });

  it('reports a denied camera as a problem and resolves ready with null', async () => {
    const media = new LocalMedia('camera-and-microphone', () =>
      Promise.reject(new DOMException('denied', 'NotAllowedError')),
    );
    await expect(media.start()).resolves.toBeNull();
    const state = media.getSnapshot();
    expect(state.status === 'failed' && state.problem.kind).toBe('denied');
  });

  it('stops tracks that arrive after stop()', async () => {
    const capture = deferred<MediaStream>();
    const { stream, track } = fakeStream();
    const media = new LocalMedia('camera-and-microphone', () => capture.promise);
    const ready = media.start();
    media.stop();
    capture.resolve(stream);
    await expect(ready).resolves.toBeNull();
    expect(track.stop).toHaveBeenCalled();
    expect(media.getSnapshot().status).toBe('stopped');
  });

  it('does not capture at all when stopped before it started', async () => {
    const capture = vi.fn(() => Promise.resolve(fakeStream().stream));
    const media = new LocalMedia('camera-and-microphone', capture);
    media.stop();
    await expect(media.start()).resolves.toBeNull();
    expect(capture).not.toHaveBeenCalled();
  });

  it('leaves a stream it handed off running when stopped', async () => {
    const { stream, track } = fakeStream();
    const media = new LocalMedia('camera-and-microphone', () => Promise.resolve(stream));
    await media.start();
    expect(media.takeStream()).toBe(stream);
    media.stop();
    expect(track.stop).not.toHaveBeenCalled();
  });

  it('stops its own stream when stopped, once', async () => {
    const { stream, track } = fakeStream();
    const media = new LocalMedia('camera-and-microphone', () => Promise.resolve(stream));
    await media.start();
    media.stop();
    media.stop();
    expect(track.stop).toHaveBeenCalledTimes(1);
  });
});
