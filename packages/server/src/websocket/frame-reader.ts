import { isUtf8 } from 'node:buffer';
import { CLOSE_INVALID_PAYLOAD, CLOSE_NO_STATUS, CLOSE_PROTOCOL_ERROR, CLOSE_TOO_BIG, isSendableCloseCode } from './close-codes.js';
import { unmask } from './masking.js';
import { CONTROL_MAX_PAYLOAD, OP_BINARY, OP_CLOSE, OP_CONTINUATION, OP_PING, OP_PONG, OP_TEXT, isControl } from './opcodes.js';

/** Why a connection's input was refused: the close code to send and a stable error code for logs. */
export interface FrameError {
  closeCode: number;
  /** Stable code, e.g. `WS_UNMASKED_FRAME`. */
  code: string;
  message: string;
}

const FIN = 0x80;
const RSV = 0x70;
const OPCODE = 0x0f;
const MASKED = 0x80;
const LENGTH_7 = 0x7f;
const LENGTH_16 = 126;
const LENGTH_64 = 127;
const MASK_KEY_BYTES = 4;
/** The payload of every empty frame (the heartbeat's pongs among them): no view made per frame. */
const EMPTY: Buffer = Buffer.alloc(0);

function frameError(closeCode: number, code: string, message: string): FrameError {
  return { closeCode, code, message };
}

/**
 * Reads the frames of one client's byte stream (RFC 6455 §5) as the socket hands it over, in
 * chunks of any size: a frame may be split across chunks, several may share one. Checks each
 * frame (mask bit, reserved bits, opcodes, control-frame rules, fragmentation order, the size
 * limit of a whole message, UTF-8 of text), unmasks it, reassembles fragmented messages and hands
 * complete messages and control frames to the subclass's hooks. After the first error, or a
 * close frame, it reads nothing more.
 *
 * An empty payload (the heartbeat's pongs) is one shared empty buffer, so an answered ping makes no
 * object here. A payload wholly inside one chunk is unmasked in place and handed on without a copy; one that
 * spans chunks is copied into a buffer of its announced length (already checked against the
 * limit), so a client dribbling bytes costs no more than the message. State is a few plain fields
 * on the connection object itself (the subclass), not objects of its own.
 */
export abstract class FrameReader {
  /** Bytes of a header that has not fully arrived yet (at most 13). */
  private partialHeader: Buffer | undefined = undefined;
  /** The payload being filled across chunks, and how much of it has arrived. */
  private payload: Buffer | undefined = undefined;
  private filled = 0;
  /** The current frame's opcode and FIN bit, and its masking key. */
  private opcode = 0;
  private fin = false;
  private maskKey = 0;
  /** The fragments of a message in progress (its first frame had FIN clear). */
  private fragments: Buffer[] | undefined = undefined;
  private fragmentOpcode = 0;
  private fragmentBytes = 0;
  /** Set after an error or a close frame: everything after is ignored. */
  protected readingStopped = false;

  constructor(private readonly maxMessageBytes: number) {}

  /** A complete text message, its UTF-8 already checked. */
  protected abstract onText(text: string): void;
  /** A complete binary message. */
  protected abstract onBinary(data: Buffer): void;
  protected abstract onPing(payload: Buffer): void;
  protected abstract onPong(payload: Buffer): void;
  /** A well-formed close frame; `code` is 1005 when it carried none. Reading has stopped. */
  protected abstract onCloseFrame(code: number, reason: string): void;
  /** The input broke the protocol or a limit; reading has stopped. */
  protected abstract onFrameError(error: FrameError): void;

  /** Reads one chunk of the stream. */
  read(chunk: Buffer): void {
    if (this.readingStopped) return;
    let buf = chunk;
    let pos = 0;
    if (this.partialHeader !== undefined) {
      buf = Buffer.concat([this.partialHeader, chunk]);
      this.partialHeader = undefined;
    }
    while (!this.readingStopped) {
      const payload = this.payload;
      if (payload !== undefined) {
        const take = Math.min(payload.length - this.filled, buf.length - pos);
        buf.copy(payload, this.filled, pos, pos + take);
        this.filled += take;
        pos += take;
        if (this.filled < payload.length) return;
        this.payload = undefined;
        unmask(payload, this.maskKey);
        this.frame(payload);
        continue;
      }
      const available = buf.length - pos;
      if (available === 0) return;
      const length = this.header(buf, pos, available);
      if (length < 0) {
        // -1: the header is not all here yet. Anything else: an error, already reported.
        if (length === -1) this.partialHeader = Buffer.from(buf.subarray(pos));
        return;
      }
      pos += headerBytes(buf[pos + 1]!);
      if (length === 0) {
        this.frame(EMPTY);
      } else if (buf.length - pos >= length) {
        const whole = buf.subarray(pos, pos + length);
        pos += length;
        unmask(whole, this.maskKey);
        this.frame(whole);
      } else {
        this.payload = Buffer.allocUnsafe(length);
        this.filled = 0;
      }
    }
  }

  /**
   * Reads and checks the header at `pos`: the payload length, -1 when the header is incomplete,
   * -2 after reporting an error.
   */
  private header(buf: Buffer, pos: number, available: number): number {
    if (available < 2) return -1;
    const b0 = buf[pos]!;
    const b1 = buf[pos + 1]!;
    if (available < headerBytes(b1)) return -1;
    if ((b0 & RSV) !== 0) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_RESERVED_BITS', 'reserved bits set without an extension'));
    if ((b1 & MASKED) === 0) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_UNMASKED_FRAME', 'client frames must be masked'));
    const opcode = b0 & OPCODE;
    const fin = (b0 & FIN) !== 0;
    let length = b1 & LENGTH_7;
    let at = pos + 2;
    if (length === LENGTH_16) {
      length = buf.readUInt16BE(at);
      at += 2;
    } else if (length === LENGTH_64) {
      const high = buf.readUInt32BE(at);
      if ((high & 0x8000_0000) !== 0) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_BAD_LENGTH', 'the top bit of a 64-bit length must be 0'));
      // Anything with high bits set is far over any limit; keep it out of float arithmetic.
      length = high === 0 ? buf.readUInt32BE(at + 4) : Number.MAX_SAFE_INTEGER;
      at += 8;
    }
    if (isControl(opcode)) {
      if (opcode !== OP_CLOSE && opcode !== OP_PING && opcode !== OP_PONG) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_BAD_OPCODE', `unknown opcode ${opcode}`));
      if (!fin) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_FRAGMENTED_CONTROL', 'control frames must not be fragmented'));
      if (length > CONTROL_MAX_PAYLOAD) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_CONTROL_TOO_LONG', 'control frame payload over 125 bytes'));
    } else if (opcode === OP_CONTINUATION) {
      if (this.fragments === undefined) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_UNEXPECTED_CONTINUATION', 'continuation frame without a message in progress'));
      if (this.fragmentBytes + length > this.maxMessageBytes) return this.fail(tooBig(this.maxMessageBytes));
    } else if (opcode === OP_TEXT || opcode === OP_BINARY) {
      if (this.fragments !== undefined) return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_EXPECTED_CONTINUATION', 'new message before the fragmented one ended'));
      if (length > this.maxMessageBytes) return this.fail(tooBig(this.maxMessageBytes));
    } else {
      return this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_BAD_OPCODE', `unknown opcode ${opcode}`));
    }
    this.opcode = opcode;
    this.fin = fin;
    this.maskKey = buf.readUInt32BE(at);
    return length;
  }

  /** One complete, unmasked frame payload. */
  private frame(payload: Buffer): void {
    switch (this.opcode) {
      case OP_TEXT:
      case OP_BINARY:
        if (this.fin) this.message(this.opcode, payload);
        else {
          this.fragments = [payload];
          this.fragmentOpcode = this.opcode;
          this.fragmentBytes = payload.length;
        }
        return;
      case OP_CONTINUATION: {
        const fragments = this.fragments!;
        fragments.push(payload);
        this.fragmentBytes += payload.length;
        if (!this.fin) return;
        this.fragments = undefined;
        this.message(this.fragmentOpcode, Buffer.concat(fragments, this.fragmentBytes));
        return;
      }
      case OP_PING:
        this.onPing(payload);
        return;
      case OP_PONG:
        this.onPong(payload);
        return;
      default:
        this.closeFrame(payload);
    }
  }

  /** Whether complete messages are still wanted (a closing connection discards them, §1.4). */
  protected wantsMessages(): boolean {
    return true;
  }

  private message(opcode: number, data: Buffer): void {
    if (!this.wantsMessages()) return;
    if (opcode === OP_BINARY) return this.onBinary(data);
    if (!isUtf8(data)) {
      this.fail(frameError(CLOSE_INVALID_PAYLOAD, 'WS_INVALID_UTF8', 'text message is not valid UTF-8'));
      return;
    }
    this.onText(data.toString('utf8'));
  }

  private closeFrame(payload: Buffer): void {
    if (payload.length === 1) {
      this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_BAD_CLOSE_PAYLOAD', 'close payload of one byte'));
      return;
    }
    let code = CLOSE_NO_STATUS;
    let reason = '';
    if (payload.length >= 2) {
      code = payload.readUInt16BE(0);
      if (!isSendableCloseCode(code)) {
        this.fail(frameError(CLOSE_PROTOCOL_ERROR, 'WS_BAD_CLOSE_CODE', `close code ${code} may not be sent`));
        return;
      }
      const text = payload.subarray(2);
      if (!isUtf8(text)) {
        this.fail(frameError(CLOSE_INVALID_PAYLOAD, 'WS_INVALID_UTF8', 'close reason is not valid UTF-8'));
        return;
      }
      reason = text.toString('utf8');
    }
    this.stopReading();
    this.onCloseFrame(code, reason);
  }

  private fail(error: FrameError): -2 {
    this.stopReading();
    this.onFrameError(error);
    return -2;
  }

  /** Stops reading and lets go of anything held. */
  protected stopReading(): void {
    this.readingStopped = true;
    this.partialHeader = undefined;
    this.payload = undefined;
    this.fragments = undefined;
  }
}

function tooBig(max: number): FrameError {
  return frameError(CLOSE_TOO_BIG, 'WS_MESSAGE_TOO_BIG', `message over ${max} bytes`);
}

/** Header size from its second byte: 2, plus the extended length, plus the masking key. */
function headerBytes(b1: number): number {
  const length = b1 & LENGTH_7;
  return 2 + (length === LENGTH_16 ? 2 : length === LENGTH_64 ? 8 : 0) + ((b1 & MASKED) !== 0 ? MASK_KEY_BYTES : 0);
}
