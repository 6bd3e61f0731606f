import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256Hex } from './sha256.js';

const ascii = (text: string) => new TextEncoder().encode(text);
const nodeSha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** FIPS 180-4 examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf") and the long-message vector. */
const VECTORS: [string, Uint8Array, string][] = [
  ['the empty message', new Uint8Array(0), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['"abc" (one block)', ascii('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'the 448-bit message (padding spills into a second block)',
    ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    'the 896-bit message',
    ascii('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  ['one million "a"', new Uint8Array(1_000_000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
  ['the single byte 0xbd', new Uint8Array([0xbd]), '68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b'],
  ['1000 bytes of 0x00', new Uint8Array(1000), '541b3e9daa09b20bf85fa273e5cbd3e80185aa4ec298e765db87742b70138a53'],
];

describe('Sha256', () => {
  for (const [name, message, digest] of VECTORS) {
    it(`hashes ${name} to the NIST digest`, () => {
      expect(sha256Hex(message)).toBe(digest);
    });
  }

  it('gives the same digest however the message is split into updates', () => {
    const message = new Uint8Array(1_000_000).fill(0x61);
    const expected = 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0';
    for (const step of [1, 3, 63, 64, 65, 1000, 65_532]) {
      const hash = new Sha256();
      for (let at = 0; at < message.length; at += step) hash.update(message.subarray(at, at + step));
      expect(hash.hex(), `updates of ${step} bytes`).toBe(expected);
    }
  });

  it('matches node:crypto at every length around the block and padding boundaries', () => {
    const data = new Uint8Array(randomBytes(300));
    for (let length = 0; length <= data.length; length++) {
      expect(sha256Hex(data.subarray(0, length)), `length ${length}`).toBe(nodeSha256(data.subarray(0, length)));
    }
  });

  it('matches node:crypto on random messages fed in random pieces', () => {
    for (let round = 0; round < 20; round++) {
      const data = new Uint8Array(randomBytes(1 + Math.floor(Math.random() * 200_000)));
      const hash = new Sha256();
      let at = 0;
      while (at < data.length) {
        const piece = Math.floor(Math.random() * 5000);
        hash.update(data.subarray(at, at + piece));
        at += piece;
      }
      expect(hash.length).toBe(data.length);
      expect(hash.hex()).toBe(nodeSha256(data));
    }
  });

  it('accepts ArrayBuffers and views into a larger buffer', () => {
    const data = new Uint8Array(randomBytes(1000));
    const view = new Uint8Array(data.buffer, 17, 500);
    expect(new Sha256().update(view).hex()).toBe(nodeSha256(view));
    expect(new Sha256().update(data.buffer).hex()).toBe(nodeSha256(data));
  });

  it('cannot be updated or finished again after digest()', () => {
    const hash = new Sha256().update(ascii('abc'));
    hash.digest();
    expect(() => hash.update(ascii('d'))).toThrow(/after digest/);
    expect(() => hash.digest()).toThrow(/twice/);
  });
});
