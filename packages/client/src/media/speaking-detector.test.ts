import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SPEAKING_OFF_LEVEL, SPEAKING_ON_LEVEL, SPEAKING_RELEASE_MS, SpeakingDetector } from './speaking-detector.js';

describe('SpeakingDetector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function detector() {
    const changes: boolean[] = [];
    const d = new SpeakingDetector((speaking) => changes.push(speaking));
    return { d, changes };
  }

  it('lights at the first loud reading', () => {
    const { d, changes } = detector();
    d.push(SPEAKING_ON_LEVEL);
    expect(d.speaking).toBe(true);
    expect(changes).toEqual([true]);
  });

  it('quiet readings under the on-level never light it', () => {
    const { d, changes } = detector();
    for (let i = 0; i < 10; i++) d.push((SPEAKING_ON_LEVEL + SPEAKING_OFF_LEVEL) / 2);
    expect(changes).toEqual([]);
  });

  it('stays lit through pauses between words, and readings between the two levels keep it lit', () => {
    const { d, changes } = detector();
    d.push(0.1);
    vi.advanceTimersByTime(SPEAKING_RELEASE_MS - 100);
    d.push(0);
    d.push((SPEAKING_ON_LEVEL + SPEAKING_OFF_LEVEL) / 2); // between the levels: still speaking
    vi.advanceTimersByTime(SPEAKING_RELEASE_MS - 100);
    d.push(0.1);
    vi.advanceTimersByTime(SPEAKING_RELEASE_MS - 100);
    expect(changes).toEqual([true]);
  });

  it('goes out once the level has stayed low for the release time, and lights again on speech', () => {
    const { d, changes } = detector();
    d.push(0.1);
    d.push(0);
    vi.advanceTimersByTime(SPEAKING_RELEASE_MS - 1);
    expect(d.speaking).toBe(true);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true, false]);
    d.push(SPEAKING_OFF_LEVEL); // out: the lower level is not enough to light it again
    expect(d.speaking).toBe(false);
    d.push(0.3);
    expect(changes).toEqual([true, false, true]);
  });

  it('reset turns it off at once', () => {
    const { d, changes } = detector();
    d.push(0.1);
    d.reset();
    vi.advanceTimersByTime(SPEAKING_RELEASE_MS * 2);
    expect(changes).toEqual([true, false]);
  });
});
