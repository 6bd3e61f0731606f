import type { Text } from '../i18n/text.js';
import { translator } from '../i18n/translate.js';
import { ConfabError } from '@confab/protocol';
import { describe, expect, it } from 'vitest';
import { describeJoinError, errorCode } from './join-error.js';

const english = (t: Text | null) => (t ? translator('en')(t.key, t.params) : null);

describe('describeJoinError', () => {
  it('says "This room is full" for ROOM_FULL', () => {
    expect(english(describeJoinError(new ConfabError('ROOM_FULL')))).toMatch(/^This room is full/);
  });

  it('explains bad names and rooms', () => {
    expect(english(describeJoinError(new ConfabError('INVALID_NAME')))).toMatch(/name cannot be used/);
    expect(english(describeJoinError(new ConfabError('INVALID_ROOM')))).toMatch(/room name cannot be used/);
  });

  it('says the server did not answer when the connection failed', () => {
    expect(english(describeJoinError({ code: 'REQUEST_TIMEOUT' }))).toMatch(/did not answer/);
  });

  it('falls back to a general sentence for other failures', () => {
    expect(english(describeJoinError(new Error('socket closed')))).toMatch(/Could not join/);
    expect(english(describeJoinError(undefined))).toMatch(/Could not join/);
  });
});

describe('errorCode', () => {
  it('reads the code of anything shaped like a ConfabError', () => {
    expect(errorCode(new ConfabError('ROOM_FULL'))).toBe('ROOM_FULL');
    expect(errorCode({ code: 'X' })).toBe('X');
    expect(errorCode({ code: 3 })).toBeUndefined();
    expect(errorCode('ROOM_FULL')).toBeUndefined();
  });
});
