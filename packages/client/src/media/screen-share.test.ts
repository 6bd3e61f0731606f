import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeTrack } from '../../test/fake-rtc.js';
import type { ExtraTrack } from './extra-senders.js';
import { SCREEN_MAX_BITRATE_BPS, ScreenShare, type ScreenSender } from './screen-share.js';

/** A display track that can end the way the browser ends it ("Stop sharing"). */
class DisplayTrack extends FakeTrack {
  contentHint = '';
  private readonly listeners = new Set<() => void>();
  addEventListener(_type: 'ended', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'ended', listener: () => void): void {
    this.listeners.delete(listener);
  }
  endByBrowser(): void {
    this.readyState = 'ended';
    for (const listener of [...this.listeners]) listener();
  }
}

class Sender implements ScreenSender {
  added: ExtraTrack[] = [];
  removed: MediaStreamTrack[] = [];
  addExtraTrack(extra: ExtraTrack): void {
    this.added.push(extra);
  }
  removeExtraTrack(track: MediaStreamTrack): void {
    this.removed.push(track);
  }
}

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
  return () => vi.unstubAllGlobals();
});

function setup() {
  const senders = [new Sender(), new Sender()];
  const log: string[] = [];
  const changes: (MediaStream | null)[] = [];
  const track = new DisplayTrack('video');
  const share = new ScreenShare(
    {
      senders: () => senders,
      announce: (id) => log.push(`announce:${id ?? 'none'}`),
      changed: (stream) => changes.push(stream),
    },
    async () => new FakeMediaStream([track]) as unknown as MediaStream,
  );
  return { senders, log, changes, track, share };
}

describe('ScreenShare', () => {
  it('announces the stream id, then sends the track to every peer with a detail hint and capped encodings', async () => {
    const { senders, log, changes, track, share } = setup();
    const stream = await share.start();
    expect(log).toEqual([`announce:${stream.id}`]);
    expect(track.contentHint).toBe('detail');
    for (const sender of senders) {
      expect(sender.added[0]?.track).toBe(track);
      expect(sender.added[0]?.encodings?.[0]?.maxBitrate).toBe(SCREEN_MAX_BITRATE_BPS);
    }
    expect(changes).toEqual([stream]);
    expect(share.stream).toBe(stream);
  });

  it('stops when the browser ends the track: removed everywhere, announced as gone', async () => {
    const { senders, log, changes, track, share } = setup();
    await share.start();
    track.endByBrowser();
    expect(senders.every((s) => s.removed[0] === (track as unknown))).toBe(true);
    expect(log.at(-1)).toBe('announce:none');
    expect(changes.at(-1)).toBeNull();
    expect(share.stream).toBeNull();
    share.stop();
    expect(log.filter((l) => l === 'announce:none')).toHaveLength(1);
  });

  it('gives the screen to a peer connection made while sharing', async () => {
    const { share } = setup();
    const late = new Sender();
    share.attach(late);
    expect(late.added).toHaveLength(0);
    await share.start();
    share.attach(late);
    expect(late.added).toHaveLength(1);
  });

  it('asks the browser once when start is called twice', async () => {
    const { share } = setup();
    const [a, b] = await Promise.all([share.start(), share.start()]);
    expect(a).toBe(b);
  });

  it('closing ends the capture without announcing', async () => {
    const { log, track, share } = setup();
    await share.start();
    share.close();
    expect(track.readyState).toBe('ended');
    expect(log).toHaveLength(1);
    await expect(share.start()).rejects.toThrow();
  });
});
