import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { num } from '../report/read.js';
import { runBench, scratchDir } from '../quick-run.js';

/** bench:redis-memory in a quick mode: a few hundred peers through the real RedisStore; memory per peer produced and sane. */

const RUN_TIMEOUT_MS = 60_000;
const PEERS = 400;

describe('bench:redis-memory quick mode', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  beforeAll(async () => {
    scratch = await scratchDir('redis-memory');
  });
  afterAll(() => scratch.remove());

  it(
    'fills a real Redis and reports the bytes per peer and per room',
    async () => {
      const run = await runBench('bench/cluster/redis-memory.ts', ['--peers', String(PEERS), '--out', scratch.file('redis-memory.json')], RUN_TIMEOUT_MS);
      expect(run.exitCode, run.output).toBe(0);
      const result = await scratch.read('redis-memory.json');
      expect(num(result, 'peers')).toBe(PEERS);
      expect(num(result, 'rooms')).toBe(PEERS / 4);
      const perPeer = num(result, 'bytesPerPeerIncludingRoomShare');
      // A session and a membership hold at least their ids and name; far below a megabyte.
      expect(perPeer).toBeGreaterThan(50);
      expect(perPeer).toBeLessThan(1_000_000);
      expect(num(result, 'bytesPerRoomOf4')).toBeGreaterThan(perPeer!);
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});
