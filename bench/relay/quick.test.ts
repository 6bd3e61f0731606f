import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { list, num, str } from '../report/read.js';
import { runBench, scratchDir } from '../quick-run.js';

/**
 * bench:relay in a quick mode (one round of a 1 s window per server, 200 idle connections): the
 * figures are produced and sane for all four servers. No threshold: the full run is for that.
 */

/** About 30 s on a quiet 2-core machine: eight fresh server and load-generator processes, each pinned to one CPU. */
const RUN_TIMEOUT_MS = 240_000;
const SERVERS = ['confab', 'peerjs', 'socketio', 'ws'];

describe('bench:relay quick mode', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  beforeAll(async () => {
    scratch = await scratchDir('relay');
  });
  afterAll(() => scratch.remove());

  it(
    'relays through every server without failures and measures CPU, throughput, latency and memory',
    async () => {
      const out = scratch.file('relay.json');
      const run = await runBench(
        'bench/relay/main.ts',
        ['--rounds', '1', '--warmup', '0.5', '--duration', '1', '--probe', '0.5', '--pairs', '10', '--connections', '200', '--idle-settle', '1', '--quiet-wait', '0', '--servers', SERVERS.join(','), '--out', out],
        RUN_TIMEOUT_MS,
      );
      expect(run.exitCode, run.output).toBe(0);
      expect(run.output).not.toContain('updated docs/benchmarks.md');
      const result = await scratch.read('relay.json');
      const summaries = list(result, 'summaries');
      expect(summaries.map((s) => str(s, 'server'))).toEqual(SERVERS);
      for (const s of summaries) {
        const label = str(s, 'server');
        expect(num(s, 'relay', 'failures'), label).toBe(0);
        expect(num(s, 'relay', 'messagesPerSecond'), label).toBeGreaterThan(0);
        const cpu = num(s, 'relay', 'cpuMicrosPerMessage');
        expect(cpu, label).toBeGreaterThan(0);
        expect(cpu, label).toBeLessThan(10_000);
        expect(num(s, 'relay', 'rttP50Ms'), label).toBeGreaterThan(0);
        expect(num(s, 'relay', 'rttP50Ms')!, label).toBeLessThanOrEqual(num(s, 'relay', 'rttP99Ms')!);
        expect(num(s, 'idle', 'dropped'), label).toBe(0);
        // At 200 connections a GC can move RSS by more than the connections take: finite, not positive.
        expect(Number.isFinite(num(s, 'idle', 'levels', 0, 'bytesPerConnection')), label).toBe(true);
      }
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});
