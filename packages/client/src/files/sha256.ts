/**
 * Incremental SHA-256 (FIPS 180-4), in plain TypeScript. WebCrypto's `crypto.subtle.digest` only
 * hashes a whole buffer at once, and a file being sent or received must never be held whole in
 * memory: so the sender feeds each slice it reads, the receiver each chunk it gets, and both end
 * with the digest of the entire file.
 *
 * Written for throughput (it runs on the main thread, alongside the transfer): whole blocks are
 * read straight from the input without copying, and the compression function is unrolled
 * (sha256-compress.ts, generated).
 */

import { compress } from './sha256-compress.js';

const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const BLOCK_BYTES = 64;

export class Sha256 {
  private readonly state = new Int32Array(INITIAL_STATE);
  /** A partial block waiting for more input. */
  private readonly pending = new Uint8Array(BLOCK_BYTES);
  private pendingLength = 0;
  private totalBytes = 0;
  private finished = false;

  /** Bytes hashed so far. */
  get length(): number {
    return this.totalBytes;
  }

  /** Feeds more of the message. Returns `this`. Throws after `digest()`. */
  update(data: Uint8Array | ArrayBuffer): this {
    if (this.finished) throw new Error('Sha256: update() after digest()');
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    let offset = 0;
    const length = bytes.length;
    this.totalBytes += length;
    if (this.pendingLength > 0) {
      const take = Math.min(BLOCK_BYTES - this.pendingLength, length);
      this.pending.set(bytes.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < BLOCK_BYTES) return this;
      compress(this.state, this.pending, 0, BLOCK_BYTES);
      this.pendingLength = 0;
    }
    const whole = offset + Math.floor((length - offset) / BLOCK_BYTES) * BLOCK_BYTES;
    if (whole > offset) compress(this.state, bytes, offset, whole);
    if (whole < length) {
      this.pending.set(bytes.subarray(whole), 0);
      this.pendingLength = length - whole;
    }
    return this;
  }

  /** The 32-byte digest of everything fed so far. The hash cannot be updated afterwards. */
  digest(): Uint8Array {
    if (this.finished) throw new Error('Sha256: digest() called twice');
    this.finished = true;
    const bits = this.totalBytes * 8;
    const pad = new Uint8Array(this.pendingLength < 56 ? BLOCK_BYTES : 2 * BLOCK_BYTES);
    pad.set(this.pending.subarray(0, this.pendingLength));
    pad[this.pendingLength] = 0x80;
    const view = new DataView(pad.buffer);
    // The message length in bits, as a 64-bit big-endian integer (exact up to 2^53 bits).
    view.setUint32(pad.length - 8, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(pad.length - 4, bits >>> 0);
    compress(this.state, pad, 0, pad.length);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setInt32(i * 4, this.state[i]!);
    return out;
  }

  /** The digest as 64 lowercase hex characters. */
  hex(): string {
    return toHex(this.digest());
  }
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** The SHA-256 of `data` as lowercase hex: a one-shot helper. */
export function sha256Hex(data: Uint8Array | ArrayBuffer): string {
  return new Sha256().update(data).hex();
}
