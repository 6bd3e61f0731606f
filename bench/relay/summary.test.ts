import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { IdleResult, RelayResult } from './scenario.js';
import { summarizeIdle, summarizeRelay } from './summary.js';

const run = (cpu: number, probe?: number): RelayResult =>
  ({
    cpuMicrosPerMessage: cpu,
    messagesPerSecond: 1,
    serverCoreShare: 1,
    serverWaitShare: 0,
    loadCoreShare: 1,
    rttMs: { n: 1, p50: 1, p99: 1 },
    probeRttMs: probe === undefined ? undefined : { n: 1, p50: probe, p99: probe },
    failures: 0,
  }) as RelayResult;

test('figures are medians over rounds, with the spread of CPU per message', () => {
  const s = summarizeRelay([run(30), run(10), run(20)])!;
  assert.equal(s.cpuMicrosPerMessage, 20);
  assert.equal(s.cpuMicrosPerMessageMin, 10);
  assert.equal(s.cpuMicrosPerMessageMax, 30);
});

test('rounds without a latency probe do not drag its median to NaN', () => {
  assert.equal(summarizeRelay([run(1, 0.3), run(1), run(1, 0.5)])!.probeP50Ms, 0.4);
});

/** One idle run: RSS with no clients, then RSS at each [connections, rssBytes]. */
function idleRun(baseline: number, ...levels: [number, number][]): IdleResult {
  return {
    kind: 'idle',
    server: 'ws',
    baselineRssBytes: baseline,
    levels: levels.map(([connections, rssBytes]) => ({ connections, rssBytes, bytesPerConnection: (rssBytes - baseline) / connections })),
    dropped: 0,
    connectSeconds: 1,
  };
}

test('marginal RSS per connection is the slope between the lowest and highest level', () => {
  const idle = summarizeIdle([idleRun(100, [1_000, 10_000_100], [10_000, 55_000_100])])!;
  assert.equal(idle.marginalBytesPerConnection, 5_000);
});

test('RSS per connection at each level is the median over the idle runs, with their min and max', () => {
  const idle = summarizeIdle([
    idleRun(0, [1_000, 9_000_000], [10_000, 60_000_000]),
    idleRun(0, [1_000, 5_000_000], [10_000, 62_000_000]),
    idleRun(0, [1_000, 6_000_000], [10_000, 61_000_000]),
  ])!;
  assert.equal(idle.runs, 3);
  assert.deepEqual(idle.levels, [
    { connections: 1_000, runs: 3, bytesPerConnection: 6_000, bytesPerConnectionMin: 5_000, bytesPerConnectionMax: 9_000 },
    { connections: 10_000, runs: 3, bytesPerConnection: 6_100, bytesPerConnectionMin: 6_000, bytesPerConnectionMax: 6_200 },
  ]);
});

test('each run is taken against its own baseline, and the baseline shown is their median', () => {
  const idle = summarizeIdle([idleRun(50_000_000, [1_000, 56_000_000]), idleRun(70_000_000, [1_000, 75_000_000])])!;
  // 6,000 and 5,000 bytes per connection: their median, not (median RSS − median baseline) / N.
  assert.equal(idle.levels[0]!.bytesPerConnection, 5_500);
  assert.equal(idle.baselineRssBytes, 60_000_000);
});

test('the marginal figure is the median of the runs\' own marginals, with their spread', () => {
  const idle = summarizeIdle([
    idleRun(0, [1_000, 5_000_000], [10_000, 50_000_000]), // 5,000 per connection more
    idleRun(0, [1_000, 9_000_000], [10_000, 72_000_000]), // 7,000
    idleRun(0, [1_000, 6_000_000], [10_000, 60_000_000]), // 6,000
  ])!;
  assert.equal(idle.marginalBytesPerConnection, 6_000);
  assert.equal(idle.marginalBytesPerConnectionMin, 5_000);
  assert.equal(idle.marginalBytesPerConnectionMax, 7_000);
});

test('a level only some runs reached is the median of those runs; drops are summed over all', () => {
  const short = { ...idleRun(0, [1_000, 4_000_000]), dropped: 2 };
  const idle = summarizeIdle([idleRun(0, [1_000, 6_000_000], [10_000, 50_000_000]), short])!;
  assert.deepEqual(
    idle.levels.map((l) => [l.connections, l.runs, l.bytesPerConnection]),
    [
      [1_000, 2, 5_000],
      [10_000, 1, 5_000],
    ],
  );
  assert.equal(idle.dropped, 2);
});

test('no idle runs, no idle summary', () => {
  assert.equal(summarizeIdle([]), undefined);
});
