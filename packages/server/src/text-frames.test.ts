import * as wsModule from 'ws';
import { describe, expect, it } from 'vitest';
import { encodeTextFrames } from './text-frames.js';

/** `ws`'s own framing (a static of its Sender, exported at run time but not in its types), for the bytes a server frame must have. */
type Frame = (data: string, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean }) => (Buffer | string)[];
const wsFrame = (wsModule as unknown as { Sender: { frame: Frame } }).Sender.frame;
const TEXT_OPCODE = 1;
const asWsWouldSend = (text: string) =>
  Buffer.concat(wsFrame(text, { fin: true, opcode: TEXT_OPCODE, mask: false, readOnly: false }).map((part) => Buffer.from(part)));

describe('encodeTextFrames', () => {
  it.each([
    ['empty', ''],
    ['short', '{"type":"signal"}'],
    ['125 bytes, the last one-byte length', 'a'.repeat(125)],
    ['126 bytes, the first 16-bit length', 'a'.repeat(126)],
    ['65,535 bytes, the last 16-bit length', 'a'.repeat(65_535)],
    ['65,536 bytes, the first 64-bit length', 'a'.repeat(65_536)],
    ['multi-byte characters, counted in bytes', 'é😀한'.repeat(50)],
  ])('one frame (%s) has exactly the bytes ws would send', (_name, text) => {
    expect(encodeTextFrames([text]).equals(asWsWouldSend(text))).toBe(true);
  });

  it('several frames are the frames of each, back to back, in order', () => {
    const texts = ['{"a":1}', 'b'.repeat(300), '', 'ü'.repeat(70_000), 'end'];
    expect(encodeTextFrames(texts).equals(Buffer.concat(texts.map(asWsWouldSend)))).toBe(true);
  });
});
