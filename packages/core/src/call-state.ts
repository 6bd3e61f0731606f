import type { CallEndReason, ErrorCode } from '@confab/protocol';

/** What can happen to a call, and who does it. */
export type CallAction = 'accept' | 'decline' | 'cancel' | 'hangup' | 'timeout' | 'offline';
export type CallRole = 'caller' | 'callee' | 'server';
export type CallState = 'ringing' | 'active';

export type CallTransition = { next: 'active' } | { next: 'ended'; reason: CallEndReason } | { error: ErrorCode };

/**
 * The call state machine, pure: from a state, an action and the actor's role, the next state or
 * the error code that refuses it. Ended calls no longer exist (CALL_NOT_FOUND, decided by the caller of this).
 */
export function transition(state: CallState, action: CallAction, role: CallRole): CallTransition {
  if (state === 'ringing') {
    if (action === 'accept') return role === 'callee' ? { next: 'active' } : { error: 'CALL_STATE' };
    if (action === 'decline') return role === 'callee' ? { next: 'ended', reason: 'declined' } : { error: 'CALL_STATE' };
    if (action === 'cancel') return role === 'caller' ? { next: 'ended', reason: 'cancelled' } : { error: 'CALL_STATE' };
    if (action === 'timeout') return role === 'server' ? { next: 'ended', reason: 'no-answer' } : { error: 'CALL_STATE' };
    if (action === 'offline') return { next: 'ended', reason: role === 'callee' ? 'offline' : 'cancelled' };
    return { error: 'CALL_STATE' }; // hang up before the call started: cancel or decline instead
  }
  if (action === 'hangup') return role === 'server' ? { error: 'CALL_STATE' } : { next: 'ended', reason: 'hung-up' };
  if (action === 'offline') return { next: 'ended', reason: 'offline' };
  return { error: 'CALL_STATE' };
}
