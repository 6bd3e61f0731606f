import { describe, expect, it } from 'vitest';
import { formatBytes, formatSpeed, formatTimeLeft } from './file-format.js';

describe('file formatting', () => {
  it('sizes in binary multiples, one decimal under 10', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('speeds per second', () => {
    expect(formatSpeed(5.5 * 1024 * 1024)).toBe('5.5 MB/s');
  });

  it('time left in seconds, minutes or hours; nothing when unknown', () => {
    expect(formatTimeLeft(null)).toBe('');
    expect(formatTimeLeft(4.2)).toBe('5 s left');
    expect(formatTimeLeft(150)).toBe('3 min left');
    expect(formatTimeLeft(3900)).toBe('1 h 5 min left');
  });
});
