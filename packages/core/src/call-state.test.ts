import { describe, expect, it } from 'vitest';
import { transition } from './call-state.js';

describe('call state machine', () => {
  it.each([
    ['ringing', 'accept', 'callee', { next: 'active' }],
    ['ringing', 'decline', 'callee', { next: 'ended', reason: 'declined' }],
    ['ringing', 'cancel', 'caller', { next: 'ended', reason: 'cancelled' }],
    ['ringing', 'timeout', 'server', { next: 'ended', reason: 'no-answer' }],
    ['ringing', 'offline', 'callee', { next: 'ended', reason: 'offline' }],
    ['ringing', 'offline', 'caller', { next: 'ended', reason: 'cancelled' }],
    ['active', 'hangup', 'caller', { next: 'ended', reason: 'hung-up' }],
    ['active', 'hangup', 'callee', { next: 'ended', reason: 'hung-up' }],
    ['active', 'offline', 'caller', { next: 'ended', reason: 'offline' }],
    ['active', 'offline', 'callee', { next: 'ended', reason: 'offline' }],
  ] as const)('%s + %s by %s → %o', (state, action, role, expected) => {
    expect(transition(state, action, role)).toEqual(expected);
  });

  it.each([
    ['ringing', 'accept', 'caller'],
    ['ringing', 'decline', 'caller'],
    ['ringing', 'cancel', 'callee'],
    ['ringing', 'timeout', 'caller'],
    ['ringing', 'hangup', 'caller'],
    ['ringing', 'hangup', 'callee'],
    ['active', 'accept', 'callee'],
    ['active', 'decline', 'callee'],
    ['active', 'cancel', 'caller'],
    ['active', 'timeout', 'server'],
  ] as const)('%s + %s by %s is refused with CALL_STATE', (state, action, role) => {
    expect(transition(state, action, role)).toEqual({ error: 'CALL_STATE' });
  });
});
