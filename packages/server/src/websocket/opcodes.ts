/** Frame opcodes (RFC 6455 §5.2). Control frames have the high bit of the opcode set. */
export const OP_CONTINUATION = 0x0;
export const OP_TEXT = 0x1;
export const OP_BINARY = 0x2;
export const OP_CLOSE = 0x8;
export const OP_PING = 0x9;
export const OP_PONG = 0xa;

export function isControl(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** Control frames carry at most this many payload bytes and are never fragmented (§5.5). */
export const CONTROL_MAX_PAYLOAD = 125;
