import { text, type Text } from '../i18n/text.js';

/** The sentence shown in the lobby when joining fails. ROOM_FULL's starts "This room is full" (e2e tests look for it). */
export function describeJoinError(error: unknown): Text {
  switch (errorCode(error)) {
    case 'ROOM_FULL':
      return text('errors.join.roomFull');
    case 'INVALID_NAME':
      return text('errors.join.invalidName');
    case 'INVALID_ROOM':
      return text('errors.join.invalidRoom');
    case 'ALREADY_IN_ROOM':
      return text('errors.join.alreadyInRoom');
    case 'PASSWORD_REQUIRED':
      return text('errors.join.passwordRequired');
    case 'WRONG_PASSWORD':
      return text('errors.join.wrongPassword');
    case 'ROOM_NOT_ALLOWED':
      return text('errors.join.roomNotAllowed');
    case 'AUTH_REQUIRED':
      return text('errors.join.authRequired');
    case 'AUTH_INVALID':
    case 'AUTH_EXPIRED':
      return text('errors.join.authInvalid');
    case 'RATE_LIMITED':
    case 'TOO_MANY_ATTEMPTS':
      return text('errors.join.rateLimited');
    case 'CONNECTION_CLOSED':
    case 'REQUEST_TIMEOUT':
    case 'CONNECT_FAILED':
      return text('errors.join.noAnswer');
    default:
      return text('errors.join.other');
  }
}

/** The stable code of a ConfabError (or anything shaped like one). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
