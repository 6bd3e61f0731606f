import { describe, expect, it } from 'vitest';
import { RECONNECT_BASE_DELAY_MS, RECONNECT_MAX_DELAY_MS, reconnectDelay } from './backoff.js';

const highest = () => 1 - Number.EPSILON;

describe('reconnectDelay', () => {
  it('the first retry goes at once, whatever the jitter', () => {
    expect(reconnectDelay(0, highest)).toBe(0);
    expect(reconnectDelay(0, () => 0.5)).toBe(0);
  });

  it('later windows double from the base and stop growing at about 7 s', () => {
    const ceilings = Array.from({ length: 8 }, (_, i) => reconnectDelay(i + 1, highest) + 1);
    expect(ceilings).toEqual([500, 1_000, 2_000, 4_000, 7_000, 7_000, 7_000, 7_000]);
    expect(RECONNECT_BASE_DELAY_MS).toBe(500);
    expect(RECONNECT_MAX_DELAY_MS).toBe(7_000);
  });

  it('full jitter: a delay is anywhere from 0 to its window, never past the cap', () => {
    expect(reconnectDelay(3, () => 0)).toBe(0);
    expect(reconnectDelay(3, () => 0.5)).toBe(1_000);
    for (let attempt = 1; attempt < 200; attempt++) {
      const delay = reconnectDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(RECONNECT_MAX_DELAY_MS);
    }
  });

  it('spreads many clients over the window rather than bunching them', () => {
    const delays = Array.from({ length: 2_000 }, () => reconnectDelay(10));
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    // Uniform over [0, 7000): mean 3500, and both halves of the window are used.
    expect(mean).toBeGreaterThan(3_000);
    expect(mean).toBeLessThan(4_000);
    expect(delays.some((d) => d < 1_000)).toBe(true);
    expect(delays.some((d) => d > 6_000)).toBe(true);
  });
});
