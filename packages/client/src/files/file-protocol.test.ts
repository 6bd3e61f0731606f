import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk, encodeFileControl, parseFileControl, sanitizeFileName } from './file-protocol.js';

describe('file-channel control messages', () => {
  it('round-trip through encode and parse', () => {
    const messages = [
      { t: 'offer', id: 1, name: 'notes.txt', size: 12, type: 'text/plain' },
      { t: 'accept', id: 2 },
      { t: 'decline', id: 3, reason: 'too-large', maxFileSize: 100 },
      { t: 'cancel', id: 4, by: 'receiver' },
      { t: 'end', id: 5, sha256: 'a'.repeat(64) },
      { t: 'verdict', id: 6, ok: false },
    ] as const;
    for (const msg of messages) expect(parseFileControl(encodeFileControl(msg))).toEqual({ ok: true, msg });
  });

  it('malformed messages are refused with a reason, never thrown', () => {
    const bad = [
      'not json',
      '[]',
      'null',
      '{"t":"accept"}',
      '{"t":"accept","id":0}',
      '{"t":"accept","id":1.5}',
      '{"t":"accept","id":4294967296}',
      '{"t":"nope","id":1}',
      '{"t":"offer","id":1,"name":"","size":1}',
      '{"t":"offer","id":1,"name":"a","size":-1}',
      '{"t":"offer","id":1,"name":"a","size":"12"}',
      `{"t":"offer","id":1,"name":"${'a'.repeat(300)}","size":1}`,
      '{"t":"cancel","id":1,"by":"someone"}',
      '{"t":"end","id":1,"sha256":"xyz"}',
      `{"t":"end","id":1,"sha256":"${'A'.repeat(64)}"}`,
      '{"t":"verdict","id":1,"ok":"yes"}',
    ];
    for (const text of bad) {
      const result = parseFileControl(text);
      expect(result.ok, text).toBe(false);
    }
  });

  it('an offer keeps only a plain MIME type and a safe name', () => {
    const parsed = parseFileControl('{"t":"offer","id":9,"name":"../../etc/passwd","size":3,"type":"text/html; charset=<script>"}');
    expect(parsed).toEqual({ ok: true, msg: { t: 'offer', id: 9, name: '.._.._etc_passwd', size: 3, type: '' } });
  });

  it('an unknown decline reason reads as a plain decline', () => {
    expect(parseFileControl('{"t":"decline","id":1,"reason":"whatever"}')).toEqual({ ok: true, msg: { t: 'decline', id: 1, reason: 'declined' } });
  });
});

describe('sanitizeFileName', () => {
  it('replaces path separators and control characters, and never returns an empty or dot name', () => {
    expect(sanitizeFileName('a/b\\c\u0000d\nе.txt')).toBe('a_b_c_d_е.txt');
    expect(sanitizeFileName('   ')).toBe('file');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('x'.repeat(400))).toHaveLength(255);
  });
});

describe('file chunks', () => {
  it('carry the transfer id in a 4-byte header before the bytes', () => {
    const frame = encodeChunk(0x01020304, new Uint8Array([9, 8, 7]));
    expect([...frame]).toEqual([1, 2, 3, 4, 9, 8, 7]);
    const decoded = decodeChunk(frame.buffer);
    expect(decoded?.id).toBe(0x01020304);
    expect([...decoded!.bytes]).toEqual([9, 8, 7]);
  });

  it('a frame shorter than the header, or with id 0, is malformed', () => {
    expect(decodeChunk(new ArrayBuffer(3))).toBeUndefined();
    expect(decodeChunk(new ArrayBuffer(8))).toBeUndefined();
  });
});
