import type { CallDirection, CallEndedBy, CallEndReason } from '@confab/client';
import { text, type Text } from '../i18n/text.js';
import { errorCode } from './join-error.js';

/**
 * What to tell a person when a direct call ends, in plain words. `name` is the other person;
 * `direction` is this side's (`outgoing`: you called).
 */
export function describeCallEnd(reason: CallEndReason, by: CallEndedBy, direction: CallDirection, name: string): Text {
  switch (reason) {
    case 'declined':
      return text(by === 'self' ? 'calls.end.youDeclined' : 'calls.end.declined', { name });
    case 'busy':
      return text('calls.end.busy', { name });
    case 'no-answer':
      return direction === 'outgoing' ? text('calls.end.noAnswer') : text('calls.end.missed', { name });
    case 'cancelled':
      return by === 'self' || direction === 'outgoing' ? text('calls.end.cancelled') : text('calls.end.cancelledBy', { name });
    case 'offline':
      return by === 'self' ? text('calls.end.youWentOffline') : text('calls.end.wentOffline', { name });
    case 'hung-up':
      return text(by === 'self' ? 'calls.end.ended' : 'calls.end.hungUp', { name });
    case 'failed':
      return text('calls.end.failed', { name });
    case 'disconnected':
      return text('calls.end.disconnected');
  }
}

/** Why going online failed, in words for the person typing their name. */
export function describeGoOnlineError(error: unknown): Text {
  switch (errorCode(error)) {
    case 'NAME_TAKEN':
      return text('calls.error.nameTaken');
    case 'INVALID_NAME':
      return text('calls.error.invalidName');
    case 'ALREADY_ONLINE':
      return text('calls.error.alreadyOnline');
    case 'RATE_LIMITED':
      return text('calls.error.rateLimited');
    default:
      return text('calls.error.goOnline');
  }
}

/** Why a call could not even start ringing. */
export function describeCallError(error: unknown, name: string): Text {
  switch (errorCode(error)) {
    case 'CALLEE_NOT_FOUND':
      return text('calls.error.notOnline', { name });
    case 'ALREADY_IN_CALL':
      return text('calls.error.alreadyInCall');
    case 'CALL_SELF':
      return text('calls.error.callSelf');
    case 'NOT_ONLINE':
      return text('calls.error.goOnlineFirst');
    default:
      return text('calls.error.call', { name });
  }
}
