import { afterEach, describe, expect, it, vi } from 'vitest';
import { startServer } from './start.js';
import { TestClient } from './test-client.js';

/** The TURN configuration as a browser sees it, over a real server and socket. */

const SECRET = 'a-turn-secret-that-is-long-enough-0123456789';
const TURN_ENV = { TURN_URLS: 'turn:127.0.0.1:3478?transport=udp', TURN_SECRET: SECRET, TURN_TTL: '20' };

describe('TURN credentials over the wire', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function open(env: Record<string, string>) {
    const s = await startServer(env);
    cleanup.push(() => s.close());
    const client = await TestClient.open(s.wsUrl);
    cleanup.push(() => client.close());
    return client;
  }

  it('welcome carries a TURN credential for this peer and the default transport policy', async () => {
    const client = await open({ ...TURN_ENV, ICE_TRANSPORT_POLICY: 'relay' });
    client.send({ type: 'hello', v: 1 });
    const welcome = await client.next('welcome');
    expect(welcome.iceTransportPolicy).toBe('relay');
    const [turn] = welcome.iceServers;
    expect(turn?.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);
    const [expiry, peerId] = (turn?.username ?? '').split(':');
    expect(peerId).toBe(welcome.peerId);
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(18);
    expect(Number(expiry) - Date.now() / 1000).toBeLessThanOrEqual(20);
    expect(JSON.stringify(welcome)).not.toContain(SECRET);
  });

  it('sends ice-servers with fresh credentials at 80% of TURN_TTL, and keeps doing so', async () => {
    // Only the refresh timers are fake: sockets and the server run on real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const client = await open(TURN_ENV);
    client.send({ type: 'hello', v: 1 });
    const first = (await client.next('welcome')).iceServers[0]!;
    vi.advanceTimersByTime(15_999);
    expect(client.drain()).toEqual([]);
    vi.advanceTimersByTime(1);
    const refreshed = await client.next('ice-servers');
    const second = refreshed.iceServers[0]!;
    expect(second.username?.split(':')[1]).toBe(first.username?.split(':')[1]);
    vi.advanceTimersByTime(16_000);
    expect((await client.next('ice-servers')).iceServers[0]?.urls).toEqual(first.urls);
  });

  it('without TURN sends no refreshes and no policy beyond "all"', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    // A slow heartbeat, so that jumping the clock does not declare the connection dead.
    const client = await open({ HEARTBEAT_INTERVAL_MS: '60000', HEARTBEAT_TIMEOUT_MS: '120000' });
    client.send({ type: 'hello', v: 1 });
    const welcome = await client.next('welcome');
    expect(welcome.iceServers).toEqual([]);
    expect(welcome.iceTransportPolicy ?? 'all').toBe('all');
    vi.advanceTimersByTime(59_000);
    client.send({ type: 'ping', rid: 'p' });
    await client.next('pong');
    expect(client.drain()).toEqual([]);
  });
});
