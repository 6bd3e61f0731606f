import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { RelayResult } from './scenario.js';
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

test('marginal RSS per connection is the slope between the lowest and highest level', () => {
  const idle = summarizeIdle({
    kind: 'idle',
    server: 'ws',
    baselineRssBytes: 100,
    levels: [
      { connections: 1_000, rssBytes: 10_000_100, bytesPerConnection: 10_000 },
      { connections: 10_000, rssBytes: 55_000_100, bytesPerConnection: 5_500 },
    ],
    dropped: 0,
    connectSeconds: 1,
  })!;
  assert.equal(idle.marginalBytesPerConnection, 5_000);
});
