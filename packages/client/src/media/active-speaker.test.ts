import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVE_SPEAKER_HOLD_MS, ActiveSpeakerTracker } from './active-speaker.js';

describe('ActiveSpeakerTracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function tracker() {
    const changes: (string | undefined)[] = [];
    const t = new ActiveSpeakerTracker((id) => changes.push(id));
    return { t, changes };
  }

  it('the first person to speak becomes the active speaker at once', () => {
    const { t, changes } = tracker();
    t.update('ann', 0, false);
    expect(changes).toEqual([]);
    t.update('bob', 0.1, true);
    expect(t.active).toBe('bob');
    expect(changes).toEqual(['bob']);
  });

  it('someone louder cannot take over before the hold time is up', () => {
    const { t, changes } = tracker();
    t.update('bob', 0.05, true);
    vi.advanceTimersByTime(ACTIVE_SPEAKER_HOLD_MS - 1);
    t.update('ann', 0.5, true);
    t.update('ann', 0.5, true);
    expect(t.active).toBe('bob');
    vi.advanceTimersByTime(1);
    t.update('ann', 0.5, true);
    expect(changes).toEqual(['bob', 'ann']);
  });

  it('after the hold, a speaker who is about as loud does not take over a speaking one', () => {
    const { t, changes } = tracker();
    t.update('bob', 0.1, true);
    vi.advanceTimersByTime(ACTIVE_SPEAKER_HOLD_MS * 2);
    t.update('ann', 0.12, true);
    t.update('bob', 0.1, true);
    expect(changes).toEqual(['bob']);
  });

  it('after the hold, anyone speaking takes over from an active speaker who stopped', () => {
    const { t, changes } = tracker();
    t.update('bob', 0.1, true);
    vi.advanceTimersByTime(ACTIVE_SPEAKER_HOLD_MS);
    t.update('bob', 0, false);
    t.update('ann', 0.03, true);
    expect(changes).toEqual(['bob', 'ann']);
  });

  it('when nobody speaks, the last speaker stays', () => {
    const { t, changes } = tracker();
    t.update('bob', 0.1, true);
    vi.advanceTimersByTime(ACTIVE_SPEAKER_HOLD_MS * 4);
    t.update('bob', 0, false);
    t.update('ann', 0, false);
    expect(t.active).toBe('bob');
    expect(changes).toEqual(['bob']);
  });

  it('when the active speaker leaves, the loudest one speaking takes over, else nobody', () => {
    const { t, changes } = tracker();
    t.update('bob', 0.2, true);
    t.update('ann', 0.1, true);
    t.update('cid', 0.05, true);
    t.remove('bob');
    expect(t.active).toBe('ann');
    t.update('cid', 0, false);
    t.remove('ann');
    expect(changes).toEqual(['bob', 'ann', undefined]);
  });
});
