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
