import { describe, expect, it } from 'vitest';
import { classifyQuality, gradeFigures, QUALITY_THRESHOLDS } from './quality.js';

describe('classifyQuality', () => {
  it('a LAN call (1 ms RTT, no loss, little jitter, 30 fps) is good', () => {
    expect(classifyQuality({ rttMs: 1, lossPercent: 0, jitterMs: 2, fps: 30 })).toBe('good');
  });

  it('no figures at all is unknown', () => {
    expect(classifyQuality({})).toBe('unknown');
  });

  it('the link gets the worst grade of its figures', () => {
    expect(classifyQuality({ rttMs: 20, lossPercent: 5, jitterMs: 5, fps: 30 })).toBe('fair');
    expect(classifyQuality({ rttMs: 20, lossPercent: 0, jitterMs: 5, fps: 3 })).toBe('poor');
    expect(classifyQuality({ rttMs: 800 })).toBe('poor');
  });

  it('the thresholds are inclusive on the better side', () => {
    const t = QUALITY_THRESHOLDS;
    expect(classifyQuality({ rttMs: t.rttMs.good })).toBe('good');
    expect(classifyQuality({ rttMs: t.rttMs.good + 1 })).toBe('fair');
    expect(classifyQuality({ rttMs: t.rttMs.fair })).toBe('fair');
    expect(classifyQuality({ rttMs: t.rttMs.fair + 1 })).toBe('poor');
    expect(classifyQuality({ lossPercent: t.lossPercent.good })).toBe('good');
    expect(classifyQuality({ lossPercent: t.lossPercent.fair + 0.1 })).toBe('poor');
    expect(classifyQuality({ jitterMs: t.jitterMs.fair })).toBe('fair');
    expect(classifyQuality({ fps: t.fps.good })).toBe('good');
    expect(classifyQuality({ fps: t.fps.good - 1 })).toBe('fair');
    expect(classifyQuality({ fps: t.fps.fair - 1 })).toBe('poor');
  });

  it('grades each known figure and leaves out the unknown ones', () => {
    expect(gradeFigures({ rttMs: 300, jitterMs: 100 })).toEqual({ rttMs: 'fair', jitterMs: 'poor' });
  });
});
