/**
 * Incremental SHA-256 (FIPS 180-4), in plain TypeScript. WebCrypto's `crypto.subtle.digest` only
 * hashes a whole buffer at once, and a file being sent or received must never be held whole in
 * memory: so the sender feeds each slice it reads, the receiver each chunk it gets, and both end
 * with the digest of the entire file.
 *
 * Written for throughput (it runs on the main thread, alongside the transfer): the message
 * schedule is a reused Int32Array, blocks are read straight from the input without copying when
 * they are whole, and the round loop keeps the state in locals.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const BLOCK_BYTES = 64;

export class Sha256 {
  private readonly state = new Int32Array(INITIAL_STATE);
  private readonly w = new Int32Array(64);
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
      this.compress(this.pending, 0, BLOCK_BYTES);
      this.pendingLength = 0;
    }
    const whole = offset + Math.floor((length - offset) / BLOCK_BYTES) * BLOCK_BYTES;
    if (whole > offset) this.compress(bytes, offset, whole);
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
    this.compress(pad, 0, pad.length);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setInt32(i * 4, this.state[i]!);
    return out;
  }

  /** The digest as 64 lowercase hex characters. */
  hex(): string {
    return toHex(this.digest());
  }

  /** Hashes the 64-byte blocks of `bytes` in [start, end). */
  private compress(bytes: Uint8Array, start: number, end: number): void {
    const w = this.w;
    const s = this.state;
    let h0 = s[0]!, h1 = s[1]!, h2 = s[2]!, h3 = s[3]!, h4 = s[4]!, h5 = s[5]!, h6 = s[6]!, h7 = s[7]!;
    for (let p = start; p < end; p += BLOCK_BYTES) {
      for (let i = 0; i < 16; i++) {
        const j = p + i * 4;
        w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
      }
      for (let i = 16; i < 64; i++) {
        const x = w[i - 15]!;
        const y = w[i - 2]!;
        const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
      }
      let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (let i = 0; i < 64; i++) {
        const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        const ch = g ^ (e & (f ^ g));
        const t1 = (h + S1 + ch + K[i]! + w[i]!) | 0;
        const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        const maj = (a & b) ^ (c & (a ^ b));
        const t2 = (S0 + maj) | 0;
        h = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0;
      h1 = (h1 + b) | 0;
      h2 = (h2 + c) | 0;
      h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0;
      h5 = (h5 + f) | 0;
      h6 = (h6 + g) | 0;
      h7 = (h7 + h) | 0;
    }
    s[0] = h0;
    s[1] = h1;
    s[2] = h2;
    s[3] = h3;
    s[4] = h4;
    s[5] = h5;
    s[6] = h6;
    s[7] = h7;
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
