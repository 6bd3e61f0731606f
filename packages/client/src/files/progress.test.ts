import { describe, expect, it } from 'vitest';
import { ProgressMeter } from './progress.js';

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ProgressMeter', () => {
  it('speed and time remaining come from the samples in the window', () => {
    const time = clock();
    const meter = new ProgressMeter(10_000, time.now, 2000);
    meter.update(0);
    expect(meter.snapshot()).toEqual({ bytes: 0, total: 10_000, fraction: 0, bytesPerSecond: 0, secondsRemaining: null });
    time.advance(1000);
    meter.update(1000);
    expect(meter.snapshot()).toMatchObject({ bytes: 1000, fraction: 0.1, bytesPerSecond: 1000, secondsRemaining: 9 });
  });

  it('a stall shows as a falling speed once the fast samples leave the window', () => {
    const time = clock();
    const meter = new ProgressMeter(100_000, time.now, 2000);
    meter.update(0);
    for (let i = 1; i <= 4; i++) {
      time.advance(500);
      meter.update(i * 10_000);
    }
    expect(meter.snapshot().bytesPerSecond).toBe(20_000);
    for (let i = 0; i < 6; i++) {
      time.advance(500);
      meter.update(40_000);
    }
    expect(meter.snapshot().bytesPerSecond).toBe(0);
    expect(meter.snapshot().secondsRemaining).toBeNull();
  });

  it('bytes never go backwards nor past the total; an empty file is complete', () => {
    const time = clock();
    const meter = new ProgressMeter(100, time.now);
    meter.update(50);
    meter.update(20);
    expect(meter.bytes).toBe(50);
    meter.update(500);
    expect(meter.snapshot()).toMatchObject({ bytes: 100, fraction: 1, secondsRemaining: 0 });
    expect(new ProgressMeter(0, time.now).snapshot()).toMatchObject({ fraction: 1, secondsRemaining: 0 });
  });
});

describe('ProgressMeter sampling', () => {
  it('keeps few samples however often it is updated, and the speed stays right', () => {
    let t = 0;
    const meter = new ProgressMeter(10_000_000, () => t, 2000);
    for (let i = 1; i <= 10_000; i++) {
      t += 1;
      meter.update(i * 1000);
    }
    // 1000 bytes per ms, measured over the window.
    expect(meter.snapshot().bytesPerSecond).toBeCloseTo(1_000_000, -3);
    expect((meter as unknown as { samples: unknown[] }).samples.length).toBeLessThan(100);
  });
});
