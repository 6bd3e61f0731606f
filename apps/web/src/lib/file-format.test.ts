import { describe, expect, it } from 'vitest';
import type { Text } from '../i18n/text.js';
import { translator } from '../i18n/translate.js';
import { formatBytes, formatSpeed, formatTimeLeft } from './file-format.js';

const english = (t: Text | null) => (t ? translator('en')(t.key, t.params) : '');
const korean = (t: Text | null) => (t ? translator('ko')(t.key, t.params) : '');

describe('file formatting', () => {
  it('sizes in binary multiples, one decimal under 10', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('writes numbers and the word for bytes the way the locale does', () => {
    expect(formatBytes(512, 'ko')).toBe('512바이트');
    expect(formatBytes(1536, 'de')).toBe('1,5 KB');
  });

  it('speeds per second', () => {
    expect(english(formatSpeed(5.5 * 1024 * 1024))).toBe('5.5 MB/s');
    expect(korean(formatSpeed(5.5 * 1024 * 1024, 'ko'))).toBe('5.5 MB/초');
  });

  it('time left in seconds, minutes or hours; nothing when unknown', () => {
    expect(formatTimeLeft(null)).toBeNull();
    expect(english(formatTimeLeft(4.2))).toBe('5 s left');
    expect(english(formatTimeLeft(150))).toBe('3 min left');
    expect(english(formatTimeLeft(3900))).toBe('1 h 5 min left');
    expect(korean(formatTimeLeft(3900))).toBe('1시간 5분 남음');
  });
});
