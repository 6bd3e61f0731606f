import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { list, num } from '../report/read.js';
import { runBench, scratchDir } from '../quick-run.js';

/** bench:cluster in a quick mode: two nodes over a real Redis; latencies and throughputs produced and sane. */

const RUN_TIMEOUT_MS = 90_000;

describe('bench:cluster quick mode', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  beforeAll(async () => {
    scratch = await scratchDir('cluster');
  });
  afterAll(() => scratch.remove());

  it(
    'measures same-node and cross-node round trips and one- and two-node throughput',
    async () => {
      const run = await runBench(
        'bench/cluster/main.ts',
        ['--round-trips', '100', '--seconds', '1', '--pairs', '4', '--inflight', '4', '--out', scratch.file('cluster.json')],
        RUN_TIMEOUT_MS,
      );
      expect(run.exitCode, run.output).toBe(0);
      const result = await scratch.read('cluster.json');
      const latency = list(result, 'latency');
      expect(latency).toHaveLength(2);
      for (const l of latency) {
        expect(num(l, 'n')).toBe(100);
        expect(num(l, 'p50')).toBeGreaterThan(0);
        expect(num(l, 'p50')!).toBeLessThanOrEqual(num(l, 'p99')!);
      }
      const throughput = list(result, 'throughput');
      expect(throughput).toHaveLength(2);
      for (const t of throughput) expect(num(t, 'messagesPerSecond')).toBeGreaterThan(0);
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});
