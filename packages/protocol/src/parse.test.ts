import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from './limits.js';
import { parseClientMessage, parseServerMessage } from './parse.js';

const codeOf = (text: string) => {
  const r = parseClientMessage(text);
  return r.ok ? 'ok' : r.error.code;
};
const json = (v: unknown) => JSON.stringify(v);

describe('parseClientMessage', () => {
  it('accepts every well-formed client message', () => {
    const good = [
      { type: 'hello', v: 1 },
      { type: 'join', rid: '1', room: 'stand-up_2', name: 'Ann Lee', media: { audio: true, video: false } },
      { type: 'leave' },
      { type: 'signal', to: 'abc', data: { description: { type: 'offer', sdp: 'v=0' } } },
      { type: 'signal', to: 'abc', data: { candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } } },
      { type: 'signal', to: 'abc', data: { candidate: null } },
      { type: 'media', audio: false, video: true },
      { type: 'ping' },
    ];
    for (const msg of good) expect(codeOf(json(msg)), json(msg)).toBe('ok');
  });

  it('trims display names', () => {
    const r = parseClientMessage(json({ type: 'join', room: 'r', name: '  Ann  ' }));
    expect(r.ok && r.msg.type === 'join' && r.msg.name).toBe('Ann');
  });

  it.each([
    ['not JSON', '{"type":', 'INVALID_JSON'],
    ['empty frame', '', 'INVALID_JSON'],
    ['too deep', '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1), 'INVALID_JSON'],
    ['deep object', json({ type: 'join', a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } }), 'INVALID_JSON'],
    ['a string', json('hello'), 'INVALID_MESSAGE'],
    ['an array', json([{ type: 'hello', v: 1 }]), 'INVALID_MESSAGE'],
    ['null', 'null', 'INVALID_MESSAGE'],
    ['no type', json({ v: 1 }), 'INVALID_MESSAGE'],
    ['numeric type', json({ type: 7 }), 'INVALID_MESSAGE'],
    ['unknown type', json({ type: 'shout' }), 'UNKNOWN_TYPE'],
    ['prototype type', json({ type: '__proto__' }), 'UNKNOWN_TYPE'],
    ['toString type', json({ type: 'toString' }), 'UNKNOWN_TYPE'],
    ['server-only type', json({ type: 'welcome', v: 1 }), 'UNKNOWN_TYPE'],
    ['hello without version', json({ type: 'hello' }), 'INVALID_MESSAGE'],
    ['extra field', json({ type: 'leave', admin: true }), 'INVALID_MESSAGE'],
    ['empty room', json({ type: 'join', room: '', name: 'Ann' }), 'INVALID_ROOM'],
    ['room with slash', json({ type: 'join', room: '../etc', name: 'Ann' }), 'INVALID_ROOM'],
    ['room with space', json({ type: 'join', room: 'a b', name: 'Ann' }), 'INVALID_ROOM'],
    ['long room', json({ type: 'join', room: 'r'.repeat(65), name: 'Ann' }), 'INVALID_ROOM'],
    ['empty name', json({ type: 'join', room: 'r', name: '   ' }), 'INVALID_NAME'],
    ['long name', json({ type: 'join', room: 'r', name: 'n'.repeat(33) }), 'INVALID_NAME'],
    ['control char in name', json({ type: 'join', room: 'r', name: 'Ann\u0007' }), 'INVALID_NAME'],
    ['bidi override in name', json({ type: 'join', room: 'r', name: 'Ann\u202Egnp.exe' }), 'INVALID_NAME'],
    ['name not a string', json({ type: 'join', room: 'r', name: 5 }), 'INVALID_NAME'],
    ['signal without target', json({ type: 'signal', data: { candidate: null } }), 'INVALID_MESSAGE'],
    ['signal with bad target', json({ type: 'signal', to: 'a b', data: { candidate: null } }), 'INVALID_MESSAGE'],
    ['signal with empty data', json({ type: 'signal', to: 'p', data: {} }), 'INVALID_MESSAGE'],
    ['signal with both kinds', json({ type: 'signal', to: 'p', data: { candidate: null, description: { type: 'offer' } } }), 'INVALID_MESSAGE'],
    ['huge sdp', json({ type: 'signal', to: 'p', data: { description: { type: 'offer', sdp: 'x'.repeat(60_000) } } }), 'INVALID_MESSAGE'],
    ['bad sdp type', json({ type: 'signal', to: 'p', data: { description: { type: 'hack', sdp: '' } } }), 'INVALID_MESSAGE'],
    ['client-chosen from', json({ type: 'signal', to: 'p', from: 'q', data: { candidate: null } }), 'INVALID_MESSAGE'],
    ['media not boolean', json({ type: 'media', audio: 'yes', video: true }), 'INVALID_MESSAGE'],
    ['long rid', json({ type: 'ping', rid: 'r'.repeat(65) }), 'INVALID_MESSAGE'],
  ])('refuses %s with %s', (_name, text, code) => {
    expect(codeOf(text)).toBe(code);
  });

  it('names the request it answers when it can read it', () => {
    const r = parseClientMessage(json({ type: 'join', rid: 'j1', room: '', name: 'Ann' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.re).toEqual({ type: 'join', rid: 'j1' });
  });

  it('ignores braces inside strings when measuring depth', () => {
    expect(codeOf(json({ type: 'join', room: 'r', name: '[[[[[[[[[[{{{{{{{{' }))).toBe('ok');
  });
});

describe('parseServerMessage', () => {
  it('accepts a server message and refuses anything else', () => {
    expect(parseServerMessage(json({ type: 'peer-left', peerId: 'p', reason: 'left' })).ok).toBe(true);
    expect(parseServerMessage(json({ type: 'peer-left', peerId: 'p' })).ok).toBe(false);
    expect(parseServerMessage('nope').ok).toBe(false);
    expect(parseServerMessage(json({ type: 'error', code: 'NOT_A_CODE', message: '' })).ok).toBe(false);
  });
});

describe('forward compatibility', () => {
  it('a client ignores server fields it does not know (a newer server), instead of dropping the message', () => {
    const r = parseServerMessage(JSON.stringify({ type: 'peer-left', peerId: 'p', reason: 'left', addedLater: 1 }));
    expect(r.ok && r.msg).toEqual({ type: 'peer-left', peerId: 'p', reason: 'left' });
  });
});
