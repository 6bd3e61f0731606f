import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat, HEARTBEAT_INTERVAL_MS, HEARTBEAT_PONG_WINDOW_MS, HEARTBEAT_SWEEP_MS, HEARTBEAT_TIMEOUT_MS } from './heartbeat.js';
import { coreKit } from './test-kit.js';

/** What the rooms issue allows between a peer's death and its removal. */
const DEAD_PEER_LIMIT_MS = 15_000;

/**
 * A peer on the other end of a transport that keeps its own last-seen times (as the server's
 * does): it answers each ping after `answerMs`, until `diesAt`.
 */
function answeringPeer(answerMs: number, diesAt = Number.POSITIVE_INFINITY) {
  const seen = new Map<string, number>([['a', Date.now()]]);
  const pings: number[] = [];
  const dead: number[] = [];
  const hb = new Heartbeat({
    onPing: () => {
      pings.push(Date.now());
      setTimeout(() => {
        if (Date.now() < diesAt && seen.has('a')) seen.set('a', Date.now());
      }, answerMs);
    },
    onDead: (connId) => {
      dead.push(Date.now());
      seen.delete(connId);
    },
    forEachTracked: (visit) => seen.forEach((lastSeen, connId) => visit(connId, lastSeen)),
  });
  return { hb, pings, dead };
}

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('with the defaults, sweeps every 500 ms and pings after 9 s of silence: the pong has 4.5 s, a dead peer is out within 14 s', () => {
    const hb = new Heartbeat({ onPing: () => {}, onDead: () => {} });
    expect(hb.sweepMs).toBe(HEARTBEAT_SWEEP_MS);
    expect(hb.pingAfterMs).toBe(HEARTBEAT_TIMEOUT_MS - HEARTBEAT_PONG_WINDOW_MS);
    expect(hb.pingAfterMs).toBeGreaterThan(HEARTBEAT_INTERVAL_MS);
    expect(HEARTBEAT_TIMEOUT_MS + HEARTBEAT_SWEEP_MS).toBeLessThan(DEAD_PEER_LIMIT_MS);
  });

  it('never pings before the interval, even when the timeout is short', () => {
    const hb = new Heartbeat({ intervalMs: 1000, timeoutMs: 3000, onPing: () => {}, onDead: () => {} });
    expect(hb.pingAfterMs).toBe(1000);
    expect(hb.sweepMs).toBe(500);
  });

  it('pings a silent connection at each sweep once it has been silent for pingAfterMs, until it answers', () => {
    const pings: number[] = [];
    const hb = new Heartbeat({ intervalMs: 1000, timeoutMs: 3000, onPing: () => pings.push(Date.now()), onDead: () => {} });
    const start = Date.now();
    hb.touch('a');
    hb.start();
    vi.advanceTimersByTime(2000);
    expect(pings.map((t) => t - start)).toEqual([1000, 1500, 2000]);
    hb.touch('a');
    vi.advanceTimersByTime(500);
    expect(pings).toHaveLength(3);
    hb.stop();
  });

  it('never pings a connection that talks every interval on its own, as the SDK does, and keeps it', () => {
    const pings: string[] = [];
    const dead: string[] = [];
    const hb = new Heartbeat({ onPing: (c) => pings.push(c), onDead: (c) => dead.push(c) });
    hb.touch('sdk');
    hb.start();
    for (let t = 0; t < 24; t++) {
      vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
      hb.touch('sdk');
    }
    expect(pings).toEqual([]);
    expect(dead).toEqual([]);
    hb.stop();
  });

  it('keeps an idle connection that answers each ping, pinging it about once per pingAfterMs', () => {
    const { hb, pings, dead } = answeringPeer(5);
    hb.start();
    vi.advanceTimersByTime(120_000);
    expect(dead).toEqual([]);
    const gaps = pings.slice(1).map((t, i) => t - pings[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(hb.pingAfterMs);
      expect(gap).toBeLessThanOrEqual(hb.pingAfterMs + hb.sweepMs + 5);
    }
    expect(pings.length).toBeGreaterThanOrEqual(12);
    hb.stop();
  });

  it('keeps a connection whose pongs take as long as the pong window less one sweep', () => {
    const { hb, dead } = answeringPeer(HEARTBEAT_PONG_WINDOW_MS - HEARTBEAT_SWEEP_MS);
    hb.start();
    vi.advanceTimersByTime(120_000);
    expect(dead).toEqual([]);
    hb.stop();
  });

  it('reports a connection that stops answering within 14 s of its death, wherever in the ping cycle it died', () => {
    const start = Date.now();
    for (let offset = 0; offset < 20_000; offset += 250) {
      vi.setSystemTime(start);
      const diesAt = start + 30_000 + offset;
      const { hb, dead } = answeringPeer(5, diesAt);
      hb.start();
      vi.advanceTimersByTime(30_000 + offset + DEAD_PEER_LIMIT_MS);
      hb.stop();
      vi.clearAllTimers();
      expect(dead).toHaveLength(1);
      expect(dead[0]! - diesAt).toBeLessThanOrEqual(HEARTBEAT_TIMEOUT_MS + HEARTBEAT_SWEEP_MS);
    }
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
    // a: asked at 1.0, 1.5, 2.0, 2.5 and 3.0 s, then reported at 3.5 s; b: asked as each interval ends.
    expect(pings.filter((c) => c === 'a')).toHaveLength(5);
    expect(pings.filter((c) => c === 'b')).toHaveLength(6);
    expect(hb.size).toBe(0);
    hb.stop();
  });
});
