/**
 * Client-to-server WebSocket frames built by hand for tests (RFC 6455 §5.2), including the
 * malformed ones a real client library refuses to build: unmasked, reserved bits, any opcode,
 * any declared length.
 */

export interface ClientFrameOptions {
  opcode: number;
  payload?: Uint8Array | string;
  /** FIN bit; default true. */
  fin?: boolean;
  /** Reserved bits RSV1–3 as a 3-bit number; default 0. */
  rsv?: number;
  /** The masking key; default a fixed non-zero key; `null` sends the frame unmasked. */
  mask?: number | null;
  /** Force the 16- or 64-bit length encoding even for short payloads. */
  lengthBytes?: 0 | 2 | 8;
  /** Declare this length instead of the payload's (for frames that lie about their size). */
  declaredLength?: number;
  /** Write this into the top 32 bits of a 64-bit length (for the top-bit rule). */
  lengthHigh?: number;
}

export const TEST_MASK = 0x37fa213d;

export function clientFrame({ opcode, payload = '', fin = true, rsv = 0, mask = TEST_MASK, lengthBytes, declaredLength, lengthHigh = 0 }: ClientFrameOptions): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const length = declaredLength ?? body.length;
  const ext = lengthBytes ?? (length <= 125 ? 0 : length <= 0xffff ? 2 : 8);
  const header = Buffer.alloc(2 + ext + (mask === null ? 0 : 4));
  header[0] = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  header[1] = (mask === null ? 0 : 0x80) | (ext === 0 ? length : ext === 2 ? 126 : 127);
  if (ext === 2) header.writeUInt16BE(length, 2);
  if (ext === 8) {
    header.writeUInt32BE(lengthHigh >>> 0, 2);
    header.writeUInt32BE(length >>> 0, 6);
  }
  if (mask !== null) {
    header.writeUInt32BE(mask >>> 0, 2 + ext);
    for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ ((mask >>> (24 - 8 * (i % 4))) & 0xff);
  }
  return Buffer.concat([header, body]);
}

/** A close frame's payload: code then UTF-8 reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2 + Buffer.byteLength(reason));
  out.writeUInt16BE(code, 0);
  out.write(reason, 2);
  return out;
}
