/**
 * Server-to-client WebSocket text frames (RFC 6455 §5.2), unfragmented and unmasked: the bytes
 * `ws` itself would write for `send(text)` without compression, built for several messages at
 * once into one buffer so that they leave in one write.
 */

/** FIN set, opcode 1 (text). */
const FIN_TEXT = 0x81;
/** Payload lengths up to this fit in the first length byte. */
const SHORT_MAX = 125;
/** Marks a 16-bit extended length; 127 marks a 64-bit one. */
const LENGTH_16 = 126;
const LENGTH_64 = 127;
const U16_LIMIT = 0x1_0000;

function headerLength(bytes: number): number {
  return bytes <= SHORT_MAX ? 2 : bytes < U16_LIMIT ? 4 : 10;
}

/** Writes the frame header for a payload of `bytes` at `at`; returns where the payload starts. */
function writeHeader(out: Buffer, at: number, bytes: number): number {
  out[at] = FIN_TEXT;
  if (bytes <= SHORT_MAX) {
    out[at + 1] = bytes;
    return at + 2;
  }
  if (bytes < U16_LIMIT) {
    out[at + 1] = LENGTH_16;
    out.writeUInt16BE(bytes, at + 2);
    return at + 4;
  }
  out[at + 1] = LENGTH_64;
  out.writeUInt32BE(Math.floor(bytes / 2 ** 32), at + 2);
  out.writeUInt32BE(bytes >>> 0, at + 6);
  return at + 10;
}

/** One buffer holding a text frame for each of `texts`, in order. */
export function encodeTextFrames(texts: readonly string[]): Buffer {
  const sizes = new Array<number>(texts.length);
  let total = 0;
  for (let i = 0; i < texts.length; i++) {
    const bytes = Buffer.byteLength(texts[i]!, 'utf8');
    sizes[i] = bytes;
    total += headerLength(bytes) + bytes;
  }
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    at = writeHeader(out, at, sizes[i]!);
    at += out.write(texts[i]!, at, 'utf8');
  }
  return out;
}
