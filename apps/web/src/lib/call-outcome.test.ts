import { describe, expect, it } from 'vitest';
import { describeCallEnd, describeCallError, describeGoOnlineError } from './call-outcome.js';

describe('describeCallEnd', () => {
  it('tells the caller each outcome in plain words', () => {
    expect(describeCallEnd('declined', 'peer', 'outgoing', 'Bob')).toBe('Bob declined');
    expect(describeCallEnd('busy', undefined, 'outgoing', 'Bob')).toBe('Bob is busy');
    expect(describeCallEnd('no-answer', undefined, 'outgoing', 'Bob')).toBe('No answer');
    expect(describeCallEnd('cancelled', 'self', 'outgoing', 'Bob')).toBe('Call cancelled');
    expect(describeCallEnd('offline', 'peer', 'outgoing', 'Bob')).toBe('Bob went offline');
    expect(describeCallEnd('hung-up', 'peer', 'outgoing', 'Bob')).toBe('Bob hung up');
  });

  it('tells the callee the same events from their side', () => {
    expect(describeCallEnd('declined', 'self', 'incoming', 'Ann')).toBe("You declined Ann's call");
    expect(describeCallEnd('no-answer', undefined, 'incoming', 'Ann')).toBe('Missed call from Ann');
    expect(describeCallEnd('cancelled', 'peer', 'incoming', 'Ann')).toBe('Call cancelled by Ann');
    expect(describeCallEnd('offline', 'peer', 'incoming', 'Ann')).toBe('Ann went offline');
    expect(describeCallEnd('hung-up', undefined, 'incoming', 'Ann')).toBe('Ann hung up');
  });

  it('says who hung up, and names the failures of this side', () => {
    expect(describeCallEnd('hung-up', 'self', 'incoming', 'Ann')).toBe('Call with Ann ended');
    expect(describeCallEnd('failed', undefined, 'outgoing', 'Bob')).toBe('Could not connect the call with Bob');
    expect(describeCallEnd('disconnected', undefined, 'outgoing', 'Bob')).toBe('Lost the connection to the server');
  });
});

describe('describeGoOnlineError and describeCallError', () => {
  it('explain the server codes', () => {
    expect(describeGoOnlineError({ code: 'NAME_TAKEN' })).toMatch(/already uses this name/);
    expect(describeGoOnlineError({ code: 'INVALID_NAME' })).toMatch(/cannot be used/);
    expect(describeGoOnlineError(new Error('boom'))).toMatch(/Could not go online/);
    expect(describeCallError({ code: 'CALLEE_NOT_FOUND' }, 'Bob')).toBe('Bob is not online');
    expect(describeCallError({ code: 'REQUEST_TIMEOUT' }, 'Bob')).toMatch(/Could not call Bob/);
  });
});
