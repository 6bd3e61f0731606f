import * as wsModule from 'ws';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientFrame, closePayload } from '../../test/client-frames.js';
import { FrameReader, type FrameError } from './frame-reader.js';
import { OP_BINARY, OP_CLOSE, OP_CONTINUATION, OP_PING, OP_PONG, OP_TEXT } from './opcodes.js';

type Event =
  | { text: string }
  | { binary: string }
  | { ping: string }
  | { pong: string }
  | { close: number; reason: string }
  | { error: number; code: string };

/** A reader that records what it hands on. */
class Recorder extends FrameReader {
  readonly events: Event[] = [];
  protected onText(text: string): void {
    this.events.push({ text });
  }
  protected onBinary(data: Buffer): void {
    this.events.push({ binary: data.toString('hex') });
  }
  protected onPing(payload: Buffer): void {
    this.events.push({ ping: payload.toString('hex') });
  }
  protected onPong(payload: Buffer): void {
    this.events.push({ pong: payload.toString('hex') });
  }
  protected onCloseFrame(code: number, reason: string): void {
    this.events.push({ close: code, reason });
  }
  protected onFrameError(error: FrameError): void {
    this.events.push({ error: error.closeCode, code: error.code });
  }
}

const LIMIT = 64 * 1024;

function read(chunks: Buffer[], limit = LIMIT): Event[] {
  const reader = new Recorder(limit);
  for (const chunk of chunks) reader.read(Buffer.from(chunk));
  return reader.events;
}
const text = (payload: string, options: { fin?: boolean; mask?: number } = {}) => clientFrame({ opcode: OP_TEXT, payload, ...options });
const cont = (payload: string | Uint8Array, fin = true) => clientFrame({ opcode: OP_CONTINUATION, payload, fin });

/** `ws`'s own client framing (a static of its Sender, exported at run time but not in its types): a real client's bytes. */
type Frame = (data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; maskBuffer?: Buffer }) => Buffer[];
const wsFrame = (wsModule as unknown as { Sender: { frame: Frame } }).Sender.frame;
const asWsClientSends = (payload: string) =>
  Buffer.concat(wsFrame(Buffer.from(payload), { fin: true, opcode: OP_TEXT, mask: true, readOnly: false }).map((part) => Buffer.from(part)));

describe('FrameReader: well-formed input', () => {
  it.each([
    ['empty', 0],
    ['125 bytes, the last 7-bit length', 125],
    ['126 bytes, the first 16-bit length', 126],
    ['65,535 bytes, the last 16-bit length', 65_535],
    ['65,536 bytes, a 64-bit length', 65_536],
  ])('a masked text frame (%s) is unmasked and handed on whole', (_name, size) => {
    const payload = 'x'.repeat(size);
    expect(read([text(payload)], 1 << 20)).toEqual([{ text: payload }]);
  });

  it('a short payload sent with a needlessly long length encoding is read all the same', () => {
    expect(read([clientFrame({ opcode: OP_TEXT, payload: 'hi', lengthBytes: 8 })])).toEqual([{ text: 'hi' }]);
  });

  it('frames exactly as the ws client library masks them, with its random keys, are read', () => {
    const messages = ['{"type":"hello","v":1}', 'é😀한'.repeat(40), 'z'.repeat(70_000)];
    expect(read([Buffer.concat(messages.map(asWsClientSends))], 1 << 20)).toEqual(messages.map((m) => ({ text: m })));
  });

  it('a frame split at every possible byte boundary is read once, whole', () => {
    const frame = Buffer.concat([text('a'.repeat(300)), text('second')]);
    for (let cut = 1; cut < frame.length; cut++) {
      expect(read([frame.subarray(0, cut), frame.subarray(cut)])).toEqual([{ text: 'a'.repeat(300) }, { text: 'second' }]);
    }
  });

  it('a frame fed one byte at a time is read', () => {
    const frame = text('{"type":"ping","rid":"1"}'.repeat(10));
    expect(read([...frame].map((b) => Buffer.from([b])))).toEqual([{ text: '{"type":"ping","rid":"1"}'.repeat(10) }]);
  });

  it('several frames in one chunk are read in order', () => {
    const chunk = Buffer.concat([text('one'), clientFrame({ opcode: OP_BINARY, payload: Buffer.from([1, 2]) }), text('three')]);
    expect(read([chunk])).toEqual([{ text: 'one' }, { binary: '0102' }, { text: 'three' }]);
  });

  it('a fragmented text message is handed on once, joined, with control frames between its fragments handled at once', () => {
    const chunk = Buffer.concat([
      text('Hel', { fin: false }),
      clientFrame({ opcode: OP_PING, payload: 'p1' }),
      cont('lo, ', false),
      clientFrame({ opcode: OP_PONG, payload: 'p2' }),
      cont('world'),
      text('after'),
    ]);
    expect(read([chunk])).toEqual([
      { ping: Buffer.from('p1').toString('hex') },
      { pong: Buffer.from('p2').toString('hex') },
      { text: 'Hello, world' },
      { text: 'after' },
    ]);
  });

  it('empty frames (a heartbeat pong, an empty fragment) are handed on between full ones, in order', () => {
    const chunk = Buffer.concat([
      clientFrame({ opcode: OP_PONG }),
      text('', { fin: false }),
      cont('x', false),
      clientFrame({ opcode: OP_PING }),
      cont(''),
      text('after'),
      clientFrame({ opcode: OP_PONG }),
    ]);
    expect(read([chunk])).toEqual([{ pong: '' }, { ping: '' }, { text: 'x' }, { text: 'after' }, { pong: '' }]);
    // Split right after an empty frame's header, the next frame is still read whole.
    const split = Buffer.concat([clientFrame({ opcode: OP_PONG }), text('next')]);
    for (let cut = 1; cut < split.length; cut++) {
      expect(read([split.subarray(0, cut), split.subarray(cut)])).toEqual([{ pong: '' }, { text: 'next' }]);
    }
  });

  it('a character split across fragments is valid UTF-8', () => {
    const bytes = Buffer.from('€uro');
    const chunk = Buffer.concat([
      clientFrame({ opcode: OP_TEXT, payload: bytes.subarray(0, 1), fin: false }),
      cont(bytes.subarray(1, 2), false),
      cont(bytes.subarray(2)),
    ]);
    expect(read([chunk])).toEqual([{ text: '€uro' }]);
  });

  it('a close frame gives its code and reason, and nothing after it is read', () => {
    const chunk = Buffer.concat([clientFrame({ opcode: OP_CLOSE, payload: closePayload(4001, 'bye ✓') }), text('late')]);
    expect(read([chunk])).toEqual([{ close: 4001, reason: 'bye ✓' }]);
  });

  it('an empty close frame reports 1005 (no status)', () => {
    expect(read([clientFrame({ opcode: OP_CLOSE })])).toEqual([{ close: 1005, reason: '' }]);
  });

  it('a message of exactly the limit is accepted, whole or in fragments', () => {
    const half = 'a'.repeat(LIMIT / 2);
    expect(read([text(half + half)])).toEqual([{ text: half + half }]);
    expect(read([text(half, { fin: false }), cont(half)])).toEqual([{ text: half + half }]);
  });
});

describe('FrameReader: errors close with the right code and stop reading', () => {
  const cases: [string, Buffer[], number, string][] = [
    ['an unmasked client frame', [clientFrame({ opcode: OP_TEXT, payload: 'hi', mask: null })], 1002, 'WS_UNMASKED_FRAME'],
    ['RSV1 set (no extension was negotiated)', [clientFrame({ opcode: OP_TEXT, payload: 'hi', rsv: 4 })], 1002, 'WS_RESERVED_BITS'],
    ['RSV2 set', [clientFrame({ opcode: OP_TEXT, payload: 'hi', rsv: 2 })], 1002, 'WS_RESERVED_BITS'],
    ['RSV3 set', [clientFrame({ opcode: OP_TEXT, payload: 'hi', rsv: 1 })], 1002, 'WS_RESERVED_BITS'],
    ['a reserved data opcode (3)', [clientFrame({ opcode: 3, payload: 'hi' })], 1002, 'WS_BAD_OPCODE'],
    ['a reserved control opcode (0xB)', [clientFrame({ opcode: 0xb })], 1002, 'WS_BAD_OPCODE'],
    ['a fragmented ping', [clientFrame({ opcode: OP_PING, payload: 'p', fin: false })], 1002, 'WS_FRAGMENTED_CONTROL'],
    ['a ping of 126 bytes', [clientFrame({ opcode: OP_PING, payload: 'p'.repeat(126) })], 1002, 'WS_CONTROL_TOO_LONG'],
    ['a continuation with no message in progress', [cont('x')], 1002, 'WS_UNEXPECTED_CONTINUATION'],
    ['a new text frame inside a fragmented message', [text('a', { fin: false }), text('b')], 1002, 'WS_EXPECTED_CONTINUATION'],
    ['a 64-bit length with its top bit set', [clientFrame({ opcode: OP_TEXT, lengthBytes: 8, lengthHigh: 0x8000_0000, declaredLength: 0 })], 1002, 'WS_BAD_LENGTH'],
    ['a close frame of one byte', [clientFrame({ opcode: OP_CLOSE, payload: Buffer.from([3]) })], 1002, 'WS_BAD_CLOSE_PAYLOAD'],
    ['close code 1005, which may not be sent', [clientFrame({ opcode: OP_CLOSE, payload: closePayload(1005) })], 1002, 'WS_BAD_CLOSE_CODE'],
    ['close code 1006', [clientFrame({ opcode: OP_CLOSE, payload: closePayload(1006) })], 1002, 'WS_BAD_CLOSE_CODE'],
    ['close code 999', [clientFrame({ opcode: OP_CLOSE, payload: closePayload(999) })], 1002, 'WS_BAD_CLOSE_CODE'],
    ['close code 2000', [clientFrame({ opcode: OP_CLOSE, payload: closePayload(2000) })], 1002, 'WS_BAD_CLOSE_CODE'],
    ['close code 5000', [clientFrame({ opcode: OP_CLOSE, payload: closePayload(5000) })], 1002, 'WS_BAD_CLOSE_CODE'],
    ['a close reason that is not UTF-8', [clientFrame({ opcode: OP_CLOSE, payload: Buffer.concat([closePayload(1000), Buffer.from([0xc3])]) })], 1007, 'WS_INVALID_UTF8'],
    ['a text message that is not UTF-8', [clientFrame({ opcode: OP_TEXT, payload: Buffer.from([0x7b, 0xff, 0x7d]) })], 1007, 'WS_INVALID_UTF8'],
    ['an overlong UTF-8 encoding', [clientFrame({ opcode: OP_TEXT, payload: Buffer.from([0xc0, 0xaf]) })], 1007, 'WS_INVALID_UTF8'],
    ['a UTF-16 surrogate encoded in UTF-8', [clientFrame({ opcode: OP_TEXT, payload: Buffer.from([0xed, 0xa0, 0x80]) })], 1007, 'WS_INVALID_UTF8'],
    [
      'a fragmented text message ending inside a character',
      [clientFrame({ opcode: OP_TEXT, payload: Buffer.from('ab'), fin: false }), cont(Buffer.from('€').subarray(0, 2))],
      1007,
      'WS_INVALID_UTF8',
    ],
    ['a frame over the limit', [text('a'.repeat(LIMIT + 1))], 1009, 'WS_MESSAGE_TOO_BIG'],
    ['fragments adding up to over the limit', [text('a'.repeat(LIMIT), { fin: false }), cont('a')], 1009, 'WS_MESSAGE_TOO_BIG'],
    ['a 64-bit length far past the limit (nothing allocated)', [clientFrame({ opcode: OP_TEXT, lengthBytes: 8, lengthHigh: 1, declaredLength: 0 })], 1009, 'WS_MESSAGE_TOO_BIG'],
  ];

  it.each(cases)('%s', (_name, frames, closeCode, code) => {
    const events = read([...frames, text('never read')]);
    expect(events.at(-1)).toEqual({ error: closeCode, code });
    expect(events.filter((e) => 'error' in e)).toHaveLength(1);
    expect(events).not.toContainEqual({ text: 'never read' });
  });

  it('an oversized frame is refused from its header, before its payload arrives', () => {
    const frame = text('a'.repeat(LIMIT + 1));
    expect(read([frame.subarray(0, 14)])).toEqual([{ error: 1009, code: 'WS_MESSAGE_TOO_BIG' }]);
  });
});

describe('FrameReader: any framing of any messages reads back the same messages', () => {
  const message = fc.oneof(
    fc.record({ kind: fc.constant('text' as const), value: fc.string({ unit: 'binary', maxLength: 300 }) }),
    fc.record({ kind: fc.constant('binary' as const), value: fc.uint8Array({ maxLength: 300 }) }),
    fc.record({ kind: fc.constant('ping' as const), value: fc.uint8Array({ maxLength: 125 }) }),
  );
  const framed = fc.record({
    message,
    /** Where a data message is cut into fragments (fractions of its bytes). */
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
    mask: fc.integer({ min: 0, max: 0xffff_ffff }),
    /** Pings to put between the fragments. */
    interleavedPing: fc.boolean(),
    longLength: fc.boolean(),
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(fc.array(framed, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 30 }), (items, chunkSizes) => {
        const expected: Event[] = [];
        const frames: Buffer[] = [];
        for (const { message: m, cuts, mask, interleavedPing, longLength } of items) {
          const bytes = m.kind === 'text' ? Buffer.from(m.value, 'utf8') : Buffer.from(m.value);
          if (m.kind === 'ping') {
            frames.push(clientFrame({ opcode: OP_PING, payload: bytes, mask }));
            expected.push({ ping: bytes.toString('hex') });
            continue;
          }
          const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
          const bounds = [0, ...points, bytes.length];
          for (let i = 0; i + 1 < bounds.length; i++) {
            const last = i + 2 === bounds.length;
            frames.push(
              clientFrame({
                opcode: i === 0 ? (m.kind === 'text' ? OP_TEXT : OP_BINARY) : OP_CONTINUATION,
                payload: bytes.subarray(bounds[i], bounds[i + 1]),
                fin: last,
                mask,
                ...(longLength ? { lengthBytes: 8 as const } : {}),
              }),
            );
            if (!last && interleavedPing) {
              frames.push(clientFrame({ opcode: OP_PING, payload: 'between', mask }));
              expected.push({ ping: Buffer.from('between').toString('hex') });
            }
          }
          expected.push(m.kind === 'text' ? { text: bytes.toString('utf8') } : { binary: bytes.toString('hex') });
        }
        const stream = Buffer.concat(frames);
        const chunks: Buffer[] = [];
        let at = 0;
        for (const size of chunkSizes) {
          if (at >= stream.length) break;
          chunks.push(stream.subarray(at, at + size));
          at += size;
        }
        if (at < stream.length) chunks.push(stream.subarray(at));
        expect(read(chunks)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
