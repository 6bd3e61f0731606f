/** The sentence shown in the lobby when joining fails. ROOM_FULL's starts "This room is full" (e2e tests look for it). */
export function describeJoinError(error: unknown): string {
  switch (errorCode(error)) {
    case 'ROOM_FULL':
      return 'This room is full. Try another room name, or try again when someone leaves.';
    case 'INVALID_NAME':
      return 'That name cannot be used. Use at most 32 characters, without special symbols.';
    case 'INVALID_ROOM':
      return 'That room name cannot be used. Use letters, digits, "-" and "_" (up to 64).';
    case 'ALREADY_IN_ROOM':
      return 'You are already in a room in this tab. Reload the page and try again.';
    case 'PASSWORD_REQUIRED':
      return 'This room has a password. Enter it under "Room password" and join again.';
    case 'WRONG_PASSWORD':
      return 'That password is not right for this room.';
    case 'ROOM_NOT_ALLOWED':
      return 'Your invitation does not include this room.';
    case 'AUTH_REQUIRED':
      return 'This server needs an invitation link. Ask the organiser for one.';
    case 'AUTH_INVALID':
    case 'AUTH_EXPIRED':
      return 'Your invitation link is not valid any more. Ask the organiser for a new one.';
    case 'RATE_LIMITED':
    case 'TOO_MANY_ATTEMPTS':
      return 'Too many attempts in a short time. Wait a moment and try again.';
    case 'CONNECTION_CLOSED':
    case 'REQUEST_TIMEOUT':
    case 'CONNECT_FAILED':
      return 'The server did not answer. Check your connection and try again.';
    default:
      return 'Could not join the room. Check your connection and try again.';
  }
}

/** The stable code of a ConfabError (or anything shaped like one). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
