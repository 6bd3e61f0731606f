import type { CallDirection, CallEndedBy, CallEndReason } from '@confab/client';
import { errorCode } from './join-error.js';

/**
 * What to tell a person when a direct call ends, in plain words. `name` is the other person;
 * `direction` is this side's (`outgoing`: you called).
 */
export function describeCallEnd(reason: CallEndReason, by: CallEndedBy, direction: CallDirection, name: string): string {
  switch (reason) {
    case 'declined':
      return by === 'self' ? `You declined ${name}'s call` : `${name} declined`;
    case 'busy':
      return `${name} is busy`;
    case 'no-answer':
      return direction === 'outgoing' ? 'No answer' : `Missed call from ${name}`;
    case 'cancelled':
      return by === 'self' || direction === 'outgoing' ? 'Call cancelled' : `Call cancelled by ${name}`;
    case 'offline':
      return by === 'self' ? 'You went offline' : `${name} went offline`;
    case 'hung-up':
      return by === 'self' ? `Call with ${name} ended` : `${name} hung up`;
    case 'failed':
      return `Could not connect the call with ${name}`;
    case 'disconnected':
      return 'Lost the connection to the server';
  }
}

/** Why going online failed, in words for the person typing their name. */
export function describeGoOnlineError(error: unknown): string {
  switch (errorCode(error)) {
    case 'NAME_TAKEN':
      return 'Someone online already uses this name. Pick another one.';
    case 'INVALID_NAME':
      return 'That name cannot be used. Use at most 32 characters, without special symbols.';
    case 'ALREADY_ONLINE':
      return 'You are already online in this tab. Reload the page and try again.';
    case 'RATE_LIMITED':
      return 'Too many attempts in a short time. Wait a moment and try again.';
    default:
      return 'Could not go online. Check your connection and try again.';
  }
}

/** Why a call could not even start ringing. */
export function describeCallError(error: unknown, name: string): string {
  switch (errorCode(error)) {
    case 'CALLEE_NOT_FOUND':
      return `${name} is not online`;
    case 'ALREADY_IN_CALL':
      return 'You are already in a call.';
    case 'CALL_SELF':
      return 'You cannot call yourself.';
    case 'NOT_ONLINE':
      return 'Go online before calling someone.';
    default:
      return `Could not call ${name}. Check your connection and try again.`;
  }
}
