import type { Reaction } from '@confab/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_SHOWN_PER_PEER, REACTION_SHOW_MS, ReactionFeed } from './reaction-feed.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

let n = 0;
function reaction(from: string, emoji: Reaction['emoji'] = '👍'): Reaction {
  return { id: `${from}:${++n}`, from, fromName: from, emoji, at: 0, self: false };
}

function source() {
  let listener: ((r: Reaction) => void) | undefined;
  return {
    on: (_event: 'reaction', l: (r: Reaction) => void) => {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    emit: (r: Reaction) => listener?.(r),
  };
}

describe('ReactionFeed', () => {
  it('shows a reaction over its sender\'s tile for REACTION_SHOW_MS, then takes it away', () => {
    const feed = new ReactionFeed();
    const events = source();
    feed.start(events);
    events.emit(reaction('bob', '🎉'));
    expect(feed.getSnapshot().get('bob')?.map((r) => r.emoji)).toEqual(['🎉']);
    vi.advanceTimersByTime(REACTION_SHOW_MS - 1);
    expect(feed.getSnapshot().get('bob')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(feed.getSnapshot().has('bob')).toBe(false);
  });

  it('keeps at most MAX_SHOWN_PER_PEER per person, newest last, and tells subscribers each change', () => {
    const feed = new ReactionFeed();
    const changes = vi.fn();
    feed.subscribe(changes);
    for (let i = 0; i < MAX_SHOWN_PER_PEER + 2; i++) feed.add(reaction('bob'));
    feed.add(reaction('ann', '❤️'));
    expect(feed.getSnapshot().get('bob')).toHaveLength(MAX_SHOWN_PER_PEER);
    expect(feed.getSnapshot().get('ann')?.[0]?.emoji).toBe('❤️');
    expect(changes).toHaveBeenCalledTimes(MAX_SHOWN_PER_PEER + 3);
    vi.advanceTimersByTime(REACTION_SHOW_MS);
    expect(feed.getSnapshot().size).toBe(0);
  });

  it('stop() stops listening and clears what is shown', () => {
    const feed = new ReactionFeed();
    const events = source();
    const stop = feed.start(events);
    events.emit(reaction('bob'));
    stop();
    expect(feed.getSnapshot().size).toBe(0);
    events.emit(reaction('bob'));
    expect(feed.getSnapshot().size).toBe(0);
  });
});
