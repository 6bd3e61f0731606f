import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Keepalive, PONG_TIMEOUT_MS } from './keepalive.js';

const INTERVAL_MS = 5_000;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Keepalive', () => {
  it('does not ping again while a ping is unanswered, and reports dead once after the timeout', () => {
    const ping = vi.fn();
    const onDead = vi.fn();
    const keepalive = new Keepalive({ intervalMs: INTERVAL_MS, ping, onDead });
    keepalive.start();
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(ping).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(PONG_TIMEOUT_MS - 1);
    expect(ping).toHaveBeenCalledTimes(1);
    expect(onDead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(INTERVAL_MS * 4);
    expect(onDead).toHaveBeenCalledOnce();
  });

  it('a throttled timer (long gaps between ticks) is not mistaken for a dead server', () => {
    const ping = vi.fn();
    const onDead = vi.fn();
    let now = 0;
    const keepalive = new Keepalive({ intervalMs: INTERVAL_MS, ping, onDead, now: () => now });
    keepalive.start();
    for (let minute = 1; minute <= 3; minute++) {
      now = minute * 60_000;
      vi.advanceTimersByTime(INTERVAL_MS);
      now += 50;
      keepalive.heard();
    }
    expect(ping).toHaveBeenCalledTimes(3);
    expect(onDead).not.toHaveBeenCalled();
  });

  it('stop() ends the pings', () => {
    const ping = vi.fn();
    const keepalive = new Keepalive({ intervalMs: INTERVAL_MS, ping, onDead: vi.fn() });
    keepalive.start();
    keepalive.stop();
    vi.advanceTimersByTime(INTERVAL_MS * 3);
    expect(ping).not.toHaveBeenCalled();
  });
});
