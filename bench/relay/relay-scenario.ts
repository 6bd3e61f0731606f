import { connectMany } from './clients/connect-many.js';
import { turnCorker } from './clients/turn-corker.js';
import { PROTOCOLS } from './clients/registry.js';
import type { RelayClient } from './clients/relay-client.js';
import { EchoLoop, type Endpoint } from './echo-loop.js';
import { between, readProcStat } from './proc-stat.js';
import type { Percentiles, RelayResult, RelayScenario } from './scenario.js';
import { percentile } from '../stats.js';
import { sleep, until } from './wait.js';

/**
 * Relay throughput, CPU per message and latency: pairs of clients echo candidates through the
 * server; after a warm-up, a fixed window is measured from /proc/<server pid>/stat and the
 * clients' own counters, both read in the same tick at each end of the window.
 */

export const CONNECT_CONCURRENCY = 100;
/** How long the round trips still in flight may take to complete after the load stops. */
const DRAIN_TIMEOUT_MS = 15_000;

function percentiles(samples: number[]): Percentiles {
  if (samples.length === 0) return { n: 0, p50: NaN, p99: NaN };
  const sorted = samples.sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function pairUp(scenario: RelayScenario, clients: RelayClient[]): Promise<Endpoint[]> {
  const protocol = PROTOCOLS[scenario.target.server];
  const endpoints: Endpoint[] = [];
  for (let p = 0; p < scenario.pairs; p++) {
    const a = clients[2 * p]!;
    const b = clients[2 * p + 1]!;
    await protocol.pair(a, b, `bench-${p}`);
    endpoints.push(...EchoLoop.pairOf(a, b));
  }
  return endpoints;
}

async function drain(loop: EchoLoop): Promise<void> {
  loop.stop();
  await until(() => loop.inFlight === 0, DRAIN_TIMEOUT_MS, `${loop.inFlight} round trips in flight to complete`);
}

export async function runRelayScenario(scenario: RelayScenario): Promise<RelayResult> {
  const { target } = scenario;
  turnCorker.enabled = scenario.clientWrites === 'per-turn';
  const clients = await connectMany(PROTOCOLS[target.server], target, 2 * scenario.pairs, CONNECT_CONCURRENCY);
  const loop = new EchoLoop(await pairUp(scenario, clients));

  loop.start(loop.endpoints, scenario.inflight);
  await sleep(scenario.warmupMs);

  const rtts: number[] = [];
  const server0 = readProcStat(target.pid);
  const self0 = readProcStat(process.pid);
  const received0 = loop.received;
  loop.record(rtts);
  await sleep(scenario.durationMs);
  const server1 = readProcStat(target.pid);
  const self1 = readProcStat(process.pid);
  const received1 = loop.received;
  loop.record(undefined);
  await drain(loop);

  let probeRttMs: Percentiles | undefined;
  if (scenario.probeMs > 0) {
    const probe: number[] = [];
    loop.record(probe);
    loop.start([loop.endpoints[0]!], 1);
    await sleep(scenario.probeMs);
    await drain(loop);
    loop.record(undefined);
    probeRttMs = percentiles(probe);
  }

  const windowSeconds = (server1.atMs - server0.atMs) / 1000;
  const messages = received1 - received0;
  const server = between(server0, server1);
  const load = between(self0, self1);
  return {
    kind: 'relay',
    server: target.server,
    messages,
    windowSeconds,
    messagesPerSecond: messages / windowSeconds,
    serverCpuSeconds: server.cpuSeconds,
    serverCoreShare: server.coreShare,
    cpuMicrosPerMessage: messages > 0 ? (server.cpuSeconds / messages) * 1e6 : NaN,
    serverReadsPerMessage: messages > 0 ? server.readCalls / messages : NaN,
    serverWritesPerMessage: messages > 0 ? server.writeCalls / messages : NaN,
    serverWaitShare: server.waitShare,
    loadCoreShare: load.coreShare,
    loadWaitShare: load.waitShare,
    rttMs: percentiles(rtts),
    probeRttMs,
    failures: loop.failures,
    firstFailure: loop.firstFailure,
  };
}
