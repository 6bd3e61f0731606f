import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataMesh } from '../../test/data-mesh.js';
import { FakeMediaStream } from '../../test/fake-rtc.js';
import { isReactionWireMessage, REACTION_MAX_PER_WINDOW, REACTION_WINDOW_MS, REACTIONS_CHANNEL, type Reaction } from './reactions.js';

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('reaction messages', () => {
  it('accepts only an object whose emoji is one of the fixed set', () => {
    expect(isReactionWireMessage({ emoji: '👍' })).toBe(true);
    expect(isReactionWireMessage({ emoji: '❤️' })).toBe(true);
    for (const bad of [null, 'x', 5, {}, { emoji: 'hello' }, { emoji: '💩' }, { emoji: 7 }, ['👍']]) {
      expect(isReactionWireMessage(bad)).toBe(false);
    }
  });
});

describe('Reactions over the mesh', () => {
  it('a reaction reaches everyone else with the sender, and is emitted for the sender\'s own tile', async () => {
    const mesh = dataMesh(['ann', 'bob', 'cy']);
    const seen = new Map<string, Reaction[]>();
    for (const [id, person] of mesh) {
      const list: Reaction[] = [];
      seen.set(id, list);
      person.data.reactions.on('reaction', (r) => list.push(r));
    }
    const sent = mesh.get('ann')!.data.reactions.send('🎉');
    expect(sent).toMatchObject({ from: 'ann', fromName: 'ANN', emoji: '🎉', self: true });
    expect(seen.get('ann')).toHaveLength(1);
    for (const id of ['bob', 'cy']) {
      await vi.waitFor(() => expect(seen.get(id)).toHaveLength(1));
      expect(seen.get(id)![0]).toMatchObject({ from: 'ann', fromName: 'ANN', emoji: '🎉', self: false });
    }
  });

  it('sending an emoji outside the set throws', () => {
    const ann = dataMesh(['ann', 'bob']).get('ann')!;
    // @ts-expect-error: not a reaction, on purpose
    expect(() => ann.data.reactions.send('💩')).toThrow(TypeError);
  });

  it('a peer flooding reactions is cut to REACTION_MAX_PER_WINDOW per window on receipt, and heard again after it', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ann = dataMesh(['ann', 'bob']).get('ann')!;
    const received: Reaction[] = [];
    ann.data.reactions.on('reaction', (r) => received.push(r));
    // Bob's frames as they arrive on Ann's end, bypassing Bob's own limit (a modified client).
    const fromBob = ann.channels.get('bob')!.messages;
    const flood = () => fromBob.receive(JSON.stringify({ ch: REACTIONS_CHANNEL, body: { emoji: '👏' } }));
    for (let i = 0; i < 50; i++) flood();
    expect(received).toHaveLength(REACTION_MAX_PER_WINDOW);
    expect(console.warn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(REACTION_WINDOW_MS);
    flood();
    expect(received).toHaveLength(REACTION_MAX_PER_WINDOW + 1);
  });

  it('your own sends over the limit are not sent, and say so with undefined', () => {
    vi.useFakeTimers();
    const ann = dataMesh(['ann', 'bob']).get('ann')!;
    const results = Array.from({ length: REACTION_MAX_PER_WINDOW + 2 }, () => ann.data.reactions.send('👍'));
    expect(results.filter((r) => r !== undefined)).toHaveLength(REACTION_MAX_PER_WINDOW);
    const frames = ann.channels.get('bob')!.messages.sent;
    expect(frames.filter((f) => typeof f === 'string' && f.includes(REACTIONS_CHANNEL))).toHaveLength(REACTION_MAX_PER_WINDOW);
  });

  it('a malformed reaction is dropped with a warning and nothing is emitted', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ann = dataMesh(['ann', 'bob']).get('ann')!;
    const received: Reaction[] = [];
    ann.data.reactions.on('reaction', (r) => received.push(r));
    ann.channels.get('bob')!.messages.receive(JSON.stringify({ ch: REACTIONS_CHANNEL, body: { emoji: '<script>' } }));
    expect(received).toHaveLength(0);
    expect(warn).toHaveBeenCalled();
  });
});
