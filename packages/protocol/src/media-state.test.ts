import { describe, expect, it } from 'vitest';
import { parseClientMessage, parseServerMessage } from './parse.js';

const json = (v: unknown) => JSON.stringify(v);
const screen = '{6f1c2a9e-3b7d-4c55-9a0e-2f8d1b7c4e10}';

describe('media state with a shared screen', () => {
  it('accepts media without screen (older clients) and with the stream id of the screen', () => {
    expect(parseClientMessage(json({ type: 'media', audio: true, video: false })).ok).toBe(true);
    const parsed = parseClientMessage(json({ type: 'media', audio: true, video: true, screen }));
    expect(parsed.ok && parsed.msg).toEqual({ type: 'media', audio: true, video: true, screen });
  });

  it('refuses a screen id that is not an msid token', () => {
    for (const bad of ['', 'a b', 'x'.repeat(65), 7]) {
      const parsed = parseClientMessage(json({ type: 'media', audio: true, video: true, screen: bad }));
      expect(parsed.ok ? 'ok' : parsed.error.code).toBe('INVALID_MESSAGE');
    }
  });

  it('carries the screen in the peer info of peer-updated', () => {
    const parsed = parseServerMessage(json({ type: 'peer-updated', peer: { id: 'bob', name: 'Bob', media: { audio: true, video: true, screen } } }));
    expect(parsed.ok && parsed.msg.type === 'peer-updated' && parsed.msg.peer.media.screen).toBe(screen);
  });
});
