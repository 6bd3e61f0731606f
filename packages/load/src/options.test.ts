import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseOptions, UsageError } from './options.js';

describe('parseOptions', () => {
  it('needs only --url; the rest has defaults', () => {
    const o = parseOptions(['--url', 'wss://confab.example.org/ws']);
    expect(o).toMatchObject({ url: 'wss://confab.example.org/ws', peers: DEFAULTS.peers, rooms: DEFAULTS.rooms, durationMs: 30_000, churnPerSecond: 1 });
    expect(o.roomPrefix).toMatch(/^load-[0-9a-f]{8}$/);
  });

  it('refuses a missing or non-WebSocket URL and bad counts, naming the flag', () => {
    expect(() => parseOptions([])).toThrow(UsageError);
    expect(() => parseOptions(['--url', 'http://x/ws'])).toThrow(/ws:\/\/ or wss:\/\//);
    expect(() => parseOptions(['--url', 'ws://x/ws', '--peers', '0'])).toThrow(/--peers/);
    expect(() => parseOptions(['--url', 'ws://x/ws', '--peers', '4', '--rooms', '5'])).toThrow(/--rooms/);
    expect(() => parseOptions(['--url', 'ws://x/ws', '--churn', 'lots'])).toThrow(/--churn/);
    expect(() => parseOptions(['--url', 'ws://x/ws', '--bogus'])).toThrow(UsageError);
  });
});
