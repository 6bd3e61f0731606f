import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTicker } from './ticker.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startTicker', () => {
  it('ticks every interval on the page timer where there is no Worker (Node), and stops', () => {
    const onTick = vi.fn();
    const stop = startTicker(40, onTick, () => Date.now());
    vi.advanceTimersByTime(400);
    expect(onTick).toHaveBeenCalledTimes(10);
    stop();
    vi.advanceTimersByTime(400);
    expect(onTick).toHaveBeenCalledTimes(10);
  });
});
