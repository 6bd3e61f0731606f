import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './heartbeat.js';
import { coreKit } from './test-kit.js';

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings live connections every interval', () => {
    const pings: string[] = [];
    const hb = new Heartbeat({ intervalMs: 1000, timeoutMs: 3000, onPing: (c) => pings.push(c), onDead: () => {} });
    hb.touch('a');
    hb.start();
    vi.advanceTimersByTime(2000);
    expect(pings).toEqual(['a', 'a']);
    hb.stop();
  });

  it('reports a silent connection dead once, after the timeout', () => {
    const dead: string[] = [];
    const hb = new Heartbeat({ intervalMs: 1000, timeoutMs: 3000, onPing: () => {}, onDead: (c) => dead.push(c) });
    hb.touch('a');
    hb.touch('b');
    hb.start();
    for (let t = 0; t < 6; t++) {
      vi.advanceTimersByTime(1000);
      hb.touch('b');
    }
    expect(dead).toEqual(['a']);
    expect(hb.size).toBe(1);
    hb.stop();
  });

  it('with the defaults a dead connection leaves its room, and the others hear peer-left, within 15 s', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r');
    await k.enter('b', 'r');
    k.take('b');
    const hb = new Heartbeat({ onPing: () => {}, onDead: (c) => void k.core.disconnect(c) });
    hb.touch('a');
    hb.touch('b');
    hb.start();
    for (let t = 0; t < 15; t++) {
      await vi.advanceTimersByTimeAsync(1000);
      hb.touch('b'); // b keeps answering; a went silent
    }
    expect(k.take('b')).toEqual([{ type: 'peer-left', peerId: ann, reason: 'disconnected' }]);
    expect(await k.store.listMembers('r')).toHaveLength(1);
    hb.stop();
  });

  it('a removed connection is never reported', () => {
    const dead: string[] = [];
    const hb = new Heartbeat({ intervalMs: 1000, timeoutMs: 2000, onPing: () => {}, onDead: (c) => dead.push(c) });
    hb.touch('a');
    hb.remove('a');
    hb.start();
    vi.advanceTimersByTime(10_000);
    expect(dead).toEqual([]);
    hb.stop();
  });

  it("sweeps the transport's own connections and last-seen times when given them, so a frame costs no touch", () => {
    const dead: string[] = [];
    const pings: string[] = [];
    const seen = new Map<string, number>([
      ['a', Date.now()],
      ['b', Date.now()],
    ]);
    const hb = new Heartbeat({
      intervalMs: 1000,
      timeoutMs: 3000,
      onPing: (c) => pings.push(c),
      onDead: (c) => {
        dead.push(c);
        seen.delete(c);
      },
      forEachTracked: (visit) => seen.forEach((lastSeen, connId) => visit(connId, lastSeen)),
    });
    hb.start();
    for (let t = 0; t < 6; t++) {
      vi.advanceTimersByTime(1000);
      seen.set('b', Date.now());
    }
    expect(dead).toEqual(['a']);
    expect(pings.filter((c) => c === 'b')).toHaveLength(6);
    expect(hb.size).toBe(0);
    hb.stop();
  });
});
