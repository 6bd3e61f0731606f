import { describe, expect, it, vi } from 'vitest';
import { AutoplayGuard } from './autoplay-guard.js';

/** A media element whose play() refuses while unmuted, like a browser blocking autoplay with sound. */
function strictMedia(): HTMLMediaElement {
  const media = {
    muted: false,
    play: vi.fn(() =>
      media.muted ? Promise.resolve() : Promise.reject(new DOMException('no gesture', 'NotAllowedError')),
    ),
  };
  return media as unknown as HTMLMediaElement;
}

describe('AutoplayGuard', () => {
  it('plays with sound when the browser allows it', async () => {
    const guard = new AutoplayGuard();
    const media = { muted: false, play: vi.fn(() => Promise.resolve()) } as unknown as HTMLMediaElement;
    await guard.play(media);
    expect(media.muted).toBe(false);
    expect(guard.getSnapshot()).toBe(false);
  });

  it('falls back to muted playback and reports blocked when autoplay with sound is refused', async () => {
    const guard = new AutoplayGuard();
    const media = strictMedia();
    await guard.play(media);
    expect(media.muted).toBe(true);
    expect(media.play).toHaveBeenCalledTimes(2);
    expect(guard.getSnapshot()).toBe(true);
  });

  it('unmutes every silenced element on unlock', async () => {
    const guard = new AutoplayGuard();
    const a = { muted: false, play: vi.fn() } as unknown as HTMLMediaElement;
    vi.mocked(a.play).mockRejectedValueOnce(new DOMException('', 'NotAllowedError')).mockResolvedValue(undefined);
    await guard.play(a);
    expect(guard.getSnapshot()).toBe(true);
    guard.unlock();
    expect(a.muted).toBe(false);
    expect(guard.getSnapshot()).toBe(false);
  });

  it('ignores a play interrupted by a newer load', async () => {
    const guard = new AutoplayGuard();
    const media = { muted: false, play: vi.fn(() => Promise.reject(new DOMException('', 'AbortError'))) };
    await guard.play(media as unknown as HTMLMediaElement);
    expect(media.muted).toBe(false);
    expect(guard.getSnapshot()).toBe(false);
  });

  it('forgets elements that went away', async () => {
    const guard = new AutoplayGuard();
    const media = strictMedia();
    await guard.play(media);
    guard.forget(media);
    expect(guard.getSnapshot()).toBe(false);
  });
});
