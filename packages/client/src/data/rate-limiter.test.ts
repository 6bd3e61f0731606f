import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows max events per window per key, refuses the rest, and allows again once the window moves on', () => {
    let now = 0;
    const limiter = new RateLimiter(3, 1000, () => now);
    expect([1, 2, 3, 4].map(() => limiter.allow('bob'))).toEqual([true, true, true, false]);
    expect(limiter.allow('cy')).toBe(true);
    now = 999;
    expect(limiter.allow('bob')).toBe(false);
    now = 1000;
    expect(limiter.allow('bob')).toBe(true);
  });

  it('refused events do not count, so a flood does not keep the sender out longer', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1000, () => now);
    limiter.allow('bob');
    limiter.allow('bob');
    for (now = 100; now < 1000; now += 100) expect(limiter.allow('bob')).toBe(false);
    now = 1000;
    expect(limiter.allow('bob')).toBe(true);
  });

  it('forget() drops a key', () => {
    const limiter = new RateLimiter(1, 1000, () => 0);
    limiter.allow('bob');
    expect(limiter.allow('bob')).toBe(false);
    limiter.forget('bob');
    expect(limiter.allow('bob')).toBe(true);
  });
});
