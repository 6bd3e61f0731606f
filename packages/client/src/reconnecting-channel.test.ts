import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeWebSocketClass, type FakeWebSocket } from '../test/fake-web-socket.js';
import { acceptOn, fakeNetwork, helloOn, resumeWelcome, settle } from '../test/reconnect.js';
import { RECONNECT_MAX_DELAY_MS } from './backoff.js';
import { NETWORK_PROBE_TIMEOUT_MS, ReconnectingChannel, type ReconnectingChannelOptions } from './reconnecting-channel.js';
import { ResumeStorage } from './resume-storage.js';
import { OPEN_TIMEOUT_MS } from './signaling.js';

const URL = 'ws://confab.test/ws';
/** The jitter source of these tests: the top of each window, so delays are 499, 999, 1999, … */
const TOP = () => 1 - Number.EPSILON;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

async function started(options: Partial<ReconnectingChannelOptions> = {}) {
  const { WebSocket, sockets } = fakeWebSocketClass();
  const network = fakeNetwork();
  const link = new ReconnectingChannel({ url: URL, WebSocket, network, random: TOP, ...options });
  const starting = link.start();
  await acceptOn(sockets[0]!, (rid) => resumeWelcome(rid, 'ann', 't1'));
  await starting;
  const states: string[] = [];
  link.on('state', (state) => states.push(state));
  const resumed = vi.fn();
  link.on('resumed', resumed);
  return { link, sockets, network, states, resumed };
}

/** Times (ms after `t0`) at which new sockets were created, by polling the fake clock. */
async function socketTimes(sockets: FakeWebSocket[], fail: (s: FakeWebSocket) => void, count: number, stepMs = 1): Promise<number[]> {
  const t0 = Date.now();
  const times: number[] = [];
  let seen = sockets.length;
  while (times.length < count) {
    await vi.advanceTimersByTimeAsync(stepMs);
    while (sockets.length > seen) {
      times.push(Date.now() - t0);
      fail(sockets[seen]!);
      seen += 1;
    }
  }
  return times;
}

describe('ReconnectingChannel backoff', () => {
  it('retries at once, then with doubling windows capped at about 7 s (full jitter at its top)', async () => {
    const { sockets, states } = await started();
    sockets[0]!.serverClose(1006);
    expect(states).toEqual(['reconnecting']);
    // Every attempt is refused at once (the server is down), so only the backoff spaces them.
    const times = await socketTimes(sockets, (s) => s.serverClose(1006), 7);
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(gaps[0]).toBeLessThanOrEqual(1);
    expect(gaps.slice(1)).toEqual([499, 999, 1_999, 3_999, 6_999, 6_999]);
  });

  it('with jitter, each wait is somewhere in its window', async () => {
    const draws = [0.1, 0.9, 0.5, 0.0, 0.99];
    const { sockets } = await started({ random: () => draws.shift() ?? 0.5 });
    sockets[0]!.serverClose(1006);
    const times = await socketTimes(sockets, (s) => s.serverClose(1006), 6);
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(gaps).toEqual([1, 50, 900, 1_000, 1, 6_930]);
  });

  it('a socket that never opens counts as a failed attempt after the open timeout', async () => {
    const { sockets } = await started({ openTimeoutMs: 2_000 });
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000 + 497);
    expect(sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(3);
    expect(sockets[1]!.closedWith).toBeDefined();
    expect(OPEN_TIMEOUT_MS).toBe(10_000);
  });
});

describe('ReconnectingChannel resume', () => {
  it('each reconnect sends hello with the id and the latest resume token', async () => {
    const { link, sockets, resumed, states } = await started();
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    await acceptOn(sockets[1]!, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat', room: 'standup' }));
    expect(helloOn(sockets[1]!)?.resume).toEqual({ peerId: 'ann', token: 't1' });
    expect(resumed).toHaveBeenCalledWith(expect.objectContaining({ resumeToken: 't2' }), 'seat', expect.any(Number));
    expect(states).toEqual(['reconnecting', 'open']);

    sockets[1]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    await acceptOn(sockets[2]!, (rid) => resumeWelcome(rid, 'ann', 't3', { resumed: 'id' }));
    expect(helloOn(sockets[2]!)?.resume).toEqual({ peerId: 'ann', token: 't2' });
    expect(resumed).toHaveBeenLastCalledWith(expect.anything(), 'id', expect.any(Number));
    expect(link.resumeCredentials).toEqual({ peerId: 'ann', token: 't3' });
    link.close();
  });

  it('RESUME_FAILED then a fresh welcome: the outcome is fresh, with the new id', async () => {
    const { link, sockets, resumed } = await started();
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    await acceptOn(sockets[1]!, (rid) => [
      { type: 'error', code: 'RESUME_FAILED', message: 'no', re: { type: 'hello', rid } },
      resumeWelcome(rid, 'zoe', 'z1'),
    ]);
    expect(resumed).toHaveBeenCalledWith(expect.objectContaining({ peerId: 'zoe' }), 'fresh', expect.any(Number));
    expect(link.state).toBe('open');
    expect(link.resumeCredentials).toEqual({ peerId: 'zoe', token: 'z1' });
    link.close();
  });

  it('reports how long the server was silent, so the client can tell if its seat expired', async () => {
    const { sockets, resumed } = await started();
    await vi.advanceTimersByTimeAsync(1_000);
    sockets[0]!.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(4_000);
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    await acceptOn(sockets[1]!, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat' }));
    const silentMs = resumed.mock.calls[0]?.[2] as number;
    expect(silentMs).toBeGreaterThanOrEqual(4_000);
    expect(silentMs).toBeLessThan(4_100);
  });

  it('gives up for good when the server refuses the hello (AUTH_EXPIRED)', async () => {
    const { link, sockets, states } = await started();
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    await acceptOn(sockets[1]!, (rid) => ({ type: 'error', code: 'AUTH_EXPIRED', message: 'expired', re: { type: 'hello', rid } }));
    expect(states).toEqual(['reconnecting', 'closed']);
    expect(link.failure).toMatchObject({ code: 'AUTH_EXPIRED' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('asks the token function again on every connection', async () => {
    let n = 0;
    const { link, sockets } = await started({ token: () => `jwt-${++n}` });
    expect(helloOn(sockets[0]!)?.token).toBe('jwt-1');
    sockets[0]!.serverClose(1006);
    await vi.advanceTimersByTimeAsync(0);
    await acceptOn(sockets[1]!, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat' }));
    expect(helloOn(sockets[1]!)?.token).toBe('jwt-2');
    link.close();
  });
});

describe('ReconnectingChannel requests, close and timers', () => {
  it('a request pending when the socket drops fails at once with CONNECTION_CLOSED, leaving no timer behind', async () => {
    const { link, sockets } = await started();
    const timersBefore = vi.getTimerCount();
    const ping = link.request({ type: 'ping' });
    expect(vi.getTimerCount()).toBe(timersBefore + 1);
    const failed = expect(ping).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    sockets[0]!.serverClose(1006);
    await failed;
    await expect(link.request({ type: 'ping' })).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(link.send({ type: 'media', audio: true, video: true })).toBe(false);
    link.close();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('close() during the backoff stops retrying and leaves no timer', async () => {
    const { link, sockets, states } = await started();
    sockets[0]!.serverClose(1006);
    await socketTimes(sockets, (s) => s.serverClose(1006), 3);
    link.close();
    expect(states.at(-1)).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(4);
  });

  it('close() keeps the resume credentials for a reload, and the next start takes them once', async () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    const { link } = await started({ resumeStorage: new ResumeStorage(storage, URL) });
    expect(store.size).toBe(0);
    link.close();
    expect(JSON.parse([...store.values()][0]!)).toEqual({ peerId: 'ann', token: 't1' });

    const { WebSocket, sockets } = fakeWebSocketClass();
    const next = new ReconnectingChannel({ url: URL, WebSocket, resumeStorage: new ResumeStorage(storage, URL) });
    const starting = next.start();
    await acceptOn(sockets[0]!, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'id' }));
    await expect(starting).resolves.toMatchObject({ outcome: 'id' });
    expect(helloOn(sockets[0]!)?.resume).toEqual({ peerId: 'ann', token: 't1' });
    expect(store.size).toBe(0);
    next.close();
  });

  it('a socket given up for silence is closed only once the session is welcomed on a new one', async () => {
    const { link, sockets } = await started();
    link.drop();
    expect(sockets[0]!.closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(0);
    await acceptOn(sockets[1]!, (rid) => resumeWelcome(rid, 'ann', 't2', { resumed: 'seat' }));
    expect(sockets[0]!.closedWith).toBeDefined();
    link.close();
  });
});

describe('ReconnectingChannel and the network', () => {
  it('back online: the next attempt goes at once and the backoff starts over', async () => {
    const { link, sockets, network } = await started();
    sockets[0]!.serverClose(1006);
    await socketTimes(sockets, (s) => s.serverClose(1006), 5);
    const before = sockets.length;
    network.goOnline();
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(before + 1);
    sockets.at(-1)!.serverClose(1006);
    const [gap] = await socketTimes(sockets, (s) => s.serverClose(1006), 1);
    expect(gap).toBe(499);
    link.close();
  });

  it('offline: attempts slow to the cap until the network is back', async () => {
    const { link, sockets, network } = await started();
    network.goOffline();
    sockets[0]!.serverClose(1006);
    const times = await socketTimes(sockets, (s) => s.serverClose(1006), 2, 10);
    expect(times).toEqual([RECONNECT_MAX_DELAY_MS, 2 * RECONNECT_MAX_DELAY_MS]);
    link.close();
  });

  it('back online with the socket still open: a ping probes it, and one with no answer is replaced', async () => {
    const { link, sockets, network, states } = await started();
    network.goOnline();
    expect(sockets[0]!.last).toMatchObject({ type: 'ping' });
    await vi.advanceTimersByTimeAsync(NETWORK_PROBE_TIMEOUT_MS);
    await settle();
    expect(states).toEqual(['reconnecting']);
    // No close frame on the old socket yet: the server must see a drop, not a leave.
    expect(sockets[0]!.closedWith).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets).toHaveLength(2);
    link.close();
  });

  it('back online with a healthy socket: the probe is answered and nothing changes', async () => {
    const { link, sockets, network, states } = await started();
    network.goOnline();
    const ping = sockets[0]!.last;
    sockets[0]!.receive({ type: 'pong', re: ping?.rid });
    await vi.advanceTimersByTimeAsync(NETWORK_PROBE_TIMEOUT_MS * 2);
    expect(states).toEqual([]);
    expect(sockets).toHaveLength(1);
    link.close();
  });
});
