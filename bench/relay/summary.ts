import { median } from '../stats.js';
import type { IdleResult, RelayResult } from './scenario.js';
import { SERVERS, type ServerName } from './servers/registry.js';

/** The figures of one server across its rounds: medians, with the spread of CPU per message. */

export interface RelaySummary {
  rounds: number;
  messagesPerSecond: number;
  cpuMicrosPerMessage: number;
  cpuMicrosPerMessageMin: number;
  cpuMicrosPerMessageMax: number;
  /** The server's read and write system calls per relayed message. */
  serverReadsPerMessage: number;
  serverWritesPerMessage: number;
  serverCoreShare: number;
  /** Share of the window the server waited for a CPU held by other processes (contention). */
  serverWaitShare: number;
  loadCoreShare: number;
  rttP50Ms: number;
  rttP99Ms: number;
  probeP50Ms: number;
  probeP99Ms: number;
  /** Summed over rounds; anything but 0 makes the figures suspect. */
  failures: number;
}

export interface IdleSummary extends IdleResult {
  /**
   * (RSS at the highest level − RSS at the lowest) / (difference in connections): the cost of one
   * more connection, without the fixed costs the first connections bring (JIT code, heap growth).
   */
  marginalBytesPerConnection: number | undefined;
}

export interface ServerSummary {
  server: ServerName;
  label: string;
  relay: RelaySummary | undefined;
  idle: IdleSummary | undefined;
}

function med(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return finite.length > 0 ? median(finite) : NaN;
}

export function summarizeRelay(runs: readonly RelayResult[]): RelaySummary | undefined {
  if (runs.length === 0) return undefined;
  const cpu = runs.map((r) => r.cpuMicrosPerMessage);
  return {
    rounds: runs.length,
    messagesPerSecond: med(runs.map((r) => r.messagesPerSecond)),
    cpuMicrosPerMessage: med(cpu),
    cpuMicrosPerMessageMin: Math.min(...cpu),
    cpuMicrosPerMessageMax: Math.max(...cpu),
    serverReadsPerMessage: med(runs.map((r) => r.serverReadsPerMessage ?? NaN)),
    serverWritesPerMessage: med(runs.map((r) => r.serverWritesPerMessage ?? NaN)),
    serverCoreShare: med(runs.map((r) => r.serverCoreShare)),
    serverWaitShare: med(runs.map((r) => r.serverWaitShare)),
    loadCoreShare: med(runs.map((r) => r.loadCoreShare)),
    rttP50Ms: med(runs.map((r) => r.rttMs.p50)),
    rttP99Ms: med(runs.map((r) => r.rttMs.p99)),
    probeP50Ms: med(runs.map((r) => r.probeRttMs?.p50 ?? NaN)),
    probeP99Ms: med(runs.map((r) => r.probeRttMs?.p99 ?? NaN)),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
  };
}

export function summarizeIdle(result: IdleResult | undefined): IdleSummary | undefined {
  if (!result) return undefined;
  const first = result.levels[0];
  const last = result.levels[result.levels.length - 1];
  const marginal =
    first && last && last.connections > first.connections
      ? (last.rssBytes - first.rssBytes) / (last.connections - first.connections)
      : undefined;
  return { ...result, marginalBytesPerConnection: marginal };
}

export function summarize(
  servers: readonly ServerName[],
  relay: ReadonlyMap<ServerName, RelayResult[]>,
  idle: ReadonlyMap<ServerName, IdleResult>,
): ServerSummary[] {
  return servers.map((server) => ({
    server,
    label: SERVERS[server].label,
    relay: summarizeRelay(relay.get(server) ?? []),
    idle: summarizeIdle(idle.get(server)),
  }));
}

/** RSS per connection at `connections`, or undefined if that level was not measured. */
export function rssPerConnection(summary: ServerSummary | undefined, connections: number): number | undefined {
  return summary?.idle?.levels.find((l) => l.connections === connections)?.bytesPerConnection;
}
