/**
 * Errors the SDK raises on its own, for failures the server never saw (the socket would not open,
 * a request got no answer). Errors the server sent arrive as `ConfabError` from @confab/protocol,
 * with the wire codes (`ROOM_FULL`, …). Both carry a stable string `code`.
 */
export const CLIENT_ERROR_CODES = {
  CONNECT_FAILED: 'The signaling WebSocket could not be opened, or closed before the handshake finished.',
  CONNECTION_CLOSED: 'The signaling connection is closed: the request was never answered and will not be.',
  REQUEST_TIMEOUT: 'The server did not answer a request in time.',
  UNEXPECTED_REPLY: 'The server answered a request with a message of the wrong type.',
  CALL_ENDED: 'The direct call ended before it could start (cancelled, timed out, or the call room could not be joined).',
  MESSAGE_TOO_LARGE: 'A data-channel message is larger than MAX_MESSAGE_BYTES once serialized.',
  FILE_TOO_LARGE: 'The file is larger than the maxFileSize of the room (JoinOptions.maxFileSize).',
  RECORDING_UNSUPPORTED: 'This browser cannot record the call (no MediaRecorder, canvas capture or Web Audio, or no supported format).',
  ALREADY_RECORDING: 'You are already recording this room: stop that recording first.',
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;

/** A failure detected by the SDK itself, not sent by the server. */
export class ConfabClientError extends Error {
  override readonly name = 'ConfabClientError';
  constructor(
    readonly code: ClientErrorCode,
    message: string = CLIENT_ERROR_CODES[code],
  ) {
    super(message);
  }
}

export const connectFailed = (detail: string) =>
  new ConfabClientError('CONNECT_FAILED', `Could not connect to the signaling server: ${detail}.`);
export const connectionClosed = () => new ConfabClientError('CONNECTION_CLOSED');
export const requestTimeout = (type: string, ms: number) =>
  new ConfabClientError('REQUEST_TIMEOUT', `No answer to "${type}" within ${ms} ms.`);
export const unexpectedReply = (type: string, got: string, expected: string) =>
  new ConfabClientError('UNEXPECTED_REPLY', `"${type}" was answered with "${got}", expected "${expected}".`);
export const callEnded = (detail: string) => new ConfabClientError('CALL_ENDED', `The call ended: ${detail}.`);
