import type { Text } from '../i18n/text.js';
import { translator } from '../i18n/translate.js';
import { describe, expect, it } from 'vitest';
import { describeCallEnd, describeCallError, describeGoOnlineError } from './call-outcome.js';

const english = (t: Text | null) => (t ? translator('en')(t.key, t.params) : null);

describe('describeCallEnd', () => {
  it('tells the caller each outcome in plain words', () => {
    expect(english(describeCallEnd('declined', 'peer', 'outgoing', 'Bob'))).toBe('Bob declined');
    expect(english(describeCallEnd('busy', undefined, 'outgoing', 'Bob'))).toBe('Bob is busy');
    expect(english(describeCallEnd('no-answer', undefined, 'outgoing', 'Bob'))).toBe('No answer');
    expect(english(describeCallEnd('cancelled', 'self', 'outgoing', 'Bob'))).toBe('Call cancelled');
    expect(english(describeCallEnd('offline', 'peer', 'outgoing', 'Bob'))).toBe('Bob went offline');
    expect(english(describeCallEnd('hung-up', 'peer', 'outgoing', 'Bob'))).toBe('Bob hung up');
  });

  it('tells the callee the same events from their side', () => {
    expect(english(describeCallEnd('declined', 'self', 'incoming', 'Ann'))).toBe("You declined Ann's call");
    expect(english(describeCallEnd('no-answer', undefined, 'incoming', 'Ann'))).toBe('Missed call from Ann');
    expect(english(describeCallEnd('cancelled', 'peer', 'incoming', 'Ann'))).toBe('Call cancelled by Ann');
    expect(english(describeCallEnd('offline', 'peer', 'incoming', 'Ann'))).toBe('Ann went offline');
    expect(english(describeCallEnd('hung-up', undefined, 'incoming', 'Ann'))).toBe('Ann hung up');
  });

  it('says who hung up, and names the failures of this side', () => {
    expect(english(describeCallEnd('hung-up', 'self', 'incoming', 'Ann'))).toBe('Call with Ann ended');
    expect(english(describeCallEnd('failed', undefined, 'outgoing', 'Bob'))).toBe('Could not connect the call with Bob');
    expect(english(describeCallEnd('disconnected', undefined, 'outgoing', 'Bob'))).toBe('Lost the connection to the server');
  });
});

describe('describeGoOnlineError and describeCallError', () => {
  it('explain the server codes', () => {
    expect(english(describeGoOnlineError({ code: 'NAME_TAKEN' }))).toMatch(/already uses this name/);
    expect(english(describeGoOnlineError({ code: 'INVALID_NAME' }))).toMatch(/cannot be used/);
    expect(english(describeGoOnlineError(new Error('boom')))).toMatch(/Could not go online/);
    expect(english(describeCallError({ code: 'CALLEE_NOT_FOUND' }, 'Bob'))).toBe('Bob is not online');
    expect(english(describeCallError({ code: 'REQUEST_TIMEOUT' }, 'Bob'))).toMatch(/Could not call Bob/);
  });
});
