import { ConfabError } from '@confab/client';
import { describe, expect, it } from 'vitest';
import { prepareFailure } from './prepare.js';

describe('prepareFailure', () => {
  it('a full room is said before the click', () => {
    expect(prepareFailure(new ConfabError('ROOM_FULL'))).toBe('full');
  });

  it.each(['PREJOIN_DISABLED', 'WRONG_PASSWORD', 'PASSWORD_REQUIRED', 'LOBBY_FULL'] as const)('%s leaves the ordinary join', (code) => {
    expect(prepareFailure(new ConfabError(code))).toBe('off');
  });

  it('anything else (a dropped connection) leaves the ordinary join', () => {
    expect(prepareFailure(new Error('closed'))).toBe('off');
  });
});
