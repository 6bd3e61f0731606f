import { describe, expect, it } from 'vitest';
import { pickMimeType, recordingFileName, RECORDING_MIME_TYPES } from './format.js';

describe('pickMimeType', () => {
  it('takes the first supported type, in order of preference', () => {
    expect(pickMimeType(() => true)).toBe(RECORDING_MIME_TYPES[0]);
    expect(pickMimeType((t) => t === 'video/webm' || t === 'video/mp4')).toBe('video/webm');
    expect(pickMimeType((t) => t.startsWith('video/mp4'))).toBe('video/mp4;codecs=avc1,mp4a');
  });

  it('undefined when nothing is supported, and a check that throws counts as unsupported', () => {
    expect(pickMimeType(() => false)).toBeUndefined();
    expect(
      pickMimeType(() => {
        throw new Error('nope');
      }),
    ).toBeUndefined();
  });
});

describe('recordingFileName', () => {
  it('names the room and the local start time, with the extension of the format', () => {
    const date = new Date(2026, 11, 4, 9, 5);
    expect(recordingFileName('standup', date, 'video/webm;codecs=vp8,opus')).toBe('confab-standup-2026-12-04-0905.webm');
    expect(recordingFileName('team_a-1', date, 'video/mp4')).toBe('confab-team_a-1-2026-12-04-0905.mp4');
    expect(recordingFileName('a/b c', date, 'video/webm')).toBe('confab-a_b_c-2026-12-04-0905.webm');
  });
});
