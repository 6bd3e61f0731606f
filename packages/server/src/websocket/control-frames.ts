import { CONTROL_MAX_PAYLOAD, OP_CLOSE, OP_PING, OP_PONG } from './opcodes.js';

/**
 * Server-to-client control frames (RFC 6455 §5.5): final, unmasked, at most 125 payload bytes.
 * Text frames are built in ../text-frames.ts.
 */

const FIN = 0x80;
/** Two bytes of status code leave this much room for the close reason. */
const CLOSE_REASON_MAX_BYTES = CONTROL_MAX_PAYLOAD - 2;

function controlFrame(opcode: number, payload: Uint8Array | undefined): Buffer {
  const length = payload ? Math.min(payload.length, CONTROL_MAX_PAYLOAD) : 0;
  const frame = Buffer.allocUnsafe(2 + length);
  frame[0] = FIN | opcode;
  frame[1] = length;
  if (payload && length > 0) frame.set(payload.subarray(0, length), 2);
  return frame;
}

/** The heartbeat's ping: empty, so one shared buffer serves every connection. */
export const PING_FRAME: Buffer = controlFrame(OP_PING, undefined);

/** A pong echoing a ping's payload (§5.5.3). */
export function pongFrame(payload: Uint8Array): Buffer {
  return controlFrame(OP_PONG, payload);
}

/**
 * A close frame: `code` and a UTF-8 `reason` cut at a character boundary to fit; with no code, an
 * empty payload (the answer to a close frame that carried none).
 */
export function closeFrame(code: number | undefined, reason = ''): Buffer {
  if (code === undefined) return controlFrame(OP_CLOSE, undefined);
  let text = reason;
  while (Buffer.byteLength(text) > CLOSE_REASON_MAX_BYTES) text = text.slice(0, -1);
  const payload = Buffer.allocUnsafe(2 + Buffer.byteLength(text));
  payload.writeUInt16BE(code, 0);
  payload.write(text, 2, 'utf8');
  return controlFrame(OP_CLOSE, payload);
}
