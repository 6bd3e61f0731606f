import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { list, num, str } from '../report/read.js';
import { runBench, scratchDir } from '../quick-run.js';

/**
 * bench:relay in a quick mode (one round of a 1 s window per server, two idle runs of 200
 * connections each): the figures are produced and sane for all four servers, and the idle figure
 * is the median of its runs. No threshold: the full run is for that.
 */

/** About 50 s on a quiet 2-core machine: twelve fresh server and load-generator processes, each pinned to one CPU. */
const RUN_TIMEOUT_MS = 240_000;
const SERVERS = ['confab', 'peerjs', 'socketio', 'ws'];
const IDLE_RUNS = 2;

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
        ['--rounds', '1', '--warmup', '0.5', '--duration', '1', '--probe', '0.5', '--pairs', '10', '--connections', '200', '--idle-runs', String(IDLE_RUNS), '--idle-settle', '1', '--quiet-wait', '0', '--servers', SERVERS.join(','), '--out', out],
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
        expect(num(s, 'idle', 'runs'), label).toBe(IDLE_RUNS);
        // At 200 connections a GC can move RSS by more than the connections take: finite, not positive.
        const median = num(s, 'idle', 'levels', 0, 'bytesPerConnection');
        expect(Number.isFinite(median), label).toBe(true);
        expect(num(s, 'idle', 'levels', 0, 'bytesPerConnectionMin')!, label).toBeLessThanOrEqual(median!);
        expect(num(s, 'idle', 'levels', 0, 'bytesPerConnectionMax')!, label).toBeGreaterThanOrEqual(median!);
        // Every run is kept, each a fresh server process of its own.
        const runs = list(result, 'runs', 'idle', label ?? '');
        expect(runs, label).toHaveLength(IDLE_RUNS);
        expect(runs.map((r) => num(r, 'levels', 0, 'connections')), label).toEqual([200, 200]);
      }
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});
