/**
 * Every error code Confab puts on the wire, with its meaning. Each code appears here once;
 * docs/protocol.md lists the same table.
 */
export const ERROR_CODES = {
  INVALID_JSON: 'The frame is not valid JSON, or nests deeper than allowed.',
  INVALID_MESSAGE: 'The message does not match the schema of its type (a field is missing, too long or of the wrong kind).',
  UNKNOWN_TYPE: 'The `type` field names no message this server knows.',
  BINARY_NOT_SUPPORTED: 'A binary frame was sent; signaling is JSON text only.',
  MESSAGE_TOO_LARGE: 'The frame is larger than the server accepts (64 KiB by default); the socket is closed with 1009.',
  UNSUPPORTED_VERSION: 'The protocol version in `hello` is not one this server speaks.',
  HELLO_REQUIRED: 'Any message other than `hello` came before the handshake.',
  ALREADY_HELLO: '`hello` was sent twice on one connection.',
  INVALID_ROOM: 'The room name is empty, too long, or has characters other than letters, digits, "-" and "_".',
  INVALID_NAME: 'The display name is empty, longer than 32 characters, or has control characters.',
  ROOM_FULL: 'The room already holds its maximum number of people.',
  ALREADY_IN_ROOM: '`join` or `prepare` was sent while already in a room; leave first.',
  NOT_IN_ROOM: 'The message needs a room (signal, leave, media) and the sender is in none (a prepared lobby counts for `signal`).',
  PEER_NOT_FOUND: 'The signal names a peer that is not in the sender\'s room.',
  RATE_LIMITED: 'Too many messages too fast; this one was dropped. Sustained flooding closes the socket with 1008.',
  AUTH_REQUIRED: 'This server requires a token in `hello`.',
  AUTH_INVALID: 'The token is malformed, unsigned, signed with the wrong key or algorithm, or not yet valid.',
  AUTH_EXPIRED: 'The token has expired.',
  ROOM_NOT_ALLOWED: 'The token does not grant this room.',
  PUBLISH_NOT_ALLOWED: 'The token does not allow this peer to send audio or video.',
  PASSWORD_REQUIRED: 'The room has a password and none was given.',
  WRONG_PASSWORD: 'The room password is wrong.',
  TOO_MANY_ATTEMPTS: 'Too many wrong passwords for this room; wait a minute and try again.',
  PREJOIN_DISABLED: 'This server does not prepare joins (PREJOIN=off); join the ordinary way.',
  LOBBY_FULL: 'Too many people are waiting in this room\'s lobby already; join the ordinary way.',
  RESUME_FAILED: 'The resume token is wrong, reused or expired; the server started a fresh session instead.',
  NAME_TAKEN: 'Someone online already uses this name.',
  ALREADY_ONLINE: '`online` was sent twice; go offline first to change your name.',
  NOT_ONLINE: 'Go online in the directory before calling.',
  CALL_SELF: 'You cannot call yourself.',
  CALLEE_NOT_FOUND: 'Nobody with that id is online.',
  ALREADY_IN_CALL: 'You are already in a call (or ringing); one call at a time.',
  CALL_NOT_FOUND: 'There is no such call, or you are not part of it.',
  CALL_STATE: 'The call is not in a state that allows this (e.g. accepting a call twice, or hanging up a call that is still ringing).',
  INTERNAL_ERROR: 'The server failed while handling the message; nothing was changed.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** What an error answers: the type of the request and its `rid`, when they could be read. */
export interface ErrorRef {
  type?: string;
  rid?: string;
}

/** An error with a stable code. Thrown inside Confab, sent as `{ type: 'error', code, message, re }`. */
export class ConfabError extends Error {
  override readonly name = 'ConfabError';
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly re?: ErrorRef,
  ) {
    super(message);
  }
}

export const roomFull = (room: string, max: number, re?: ErrorRef) =>
  new ConfabError('ROOM_FULL', `Room "${room}" is full (${max} of ${max} people).`, re);
export const notInRoom = (re?: ErrorRef) =>
  new ConfabError('NOT_IN_ROOM', 'Join a room before sending this message.', re);
export const peerNotFound = (peerId: string, re?: ErrorRef) =>
  new ConfabError('PEER_NOT_FOUND', `No peer "${peerId}" in your room.`, re);
export const alreadyInRoom = (room: string, re?: ErrorRef) =>
  new ConfabError('ALREADY_IN_ROOM', `Already in room "${room}"; leave it first.`, re);
export const helloRequired = (re?: ErrorRef) =>
  new ConfabError('HELLO_REQUIRED', 'Send hello first.', re);
