import type { ServerMessage } from '@confab/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceRefresh } from './ice-refresh.js';

const INTERVAL_MS = 16_000;

describe('IceRefresh', () => {
  let sent: [string, ServerMessage][];
  let minted: number;
  let refresh: IceRefresh;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    minted = 0;
    refresh = new IceRefresh({
      intervalMs: INTERVAL_MS,
      iceServers: (peerId) => [{ urls: 'turn:t:3478', username: `${++minted}:${peerId}`, credential: 'x' }],
      send: (connId, msg) => sent.push([connId, msg]),
    });
  });

  afterEach(() => {
    refresh.stopAll();
    vi.useRealTimers();
  });

  it('sends fresh ice-servers before the welcome credentials expire, and again every interval', () => {
    refresh.start('c1', 'ann');
    vi.advanceTimersByTime(INTERVAL_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      ['c1', { type: 'ice-servers', iceServers: [{ urls: 'turn:t:3478', username: '1:ann', credential: 'x' }] }],
    ]);
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(sent.map(([, msg]) => msg.type === 'ice-servers' && msg.iceServers[0]?.username)).toEqual(['1:ann', '2:ann']);
  });

  it('stops when the connection closes', () => {
    refresh.start('c1', 'ann');
    refresh.stop('c1');
    vi.advanceTimersByTime(INTERVAL_MS * 3);
    expect(sent).toEqual([]);
    expect(refresh.size).toBe(0);
  });

  it('a second welcome on one connection restarts its timer instead of adding one', () => {
    refresh.start('c1', 'ann');
    vi.advanceTimersByTime(INTERVAL_MS / 2);
    refresh.start('c1', 'ann');
    vi.advanceTimersByTime(INTERVAL_MS / 2);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(INTERVAL_MS / 2);
    expect(sent).toHaveLength(1);
    expect(refresh.size).toBe(1);
  });

  it('keeps one timer per connection, each with its own peer id', () => {
    refresh.start('c1', 'ann');
    refresh.start('c2', 'bob');
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(sent.map(([connId]) => connId).sort()).toEqual(['c1', 'c2']);
    refresh.stopAll();
    vi.advanceTimersByTime(INTERVAL_MS);
    expect(sent).toHaveLength(2);
  });
});
