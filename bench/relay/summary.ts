import { median } from '../stats.js';
import type { IdleResult, RelayResult } from './scenario.js';
import { SERVERS, type ServerName } from './servers/registry.js';

/**
 * The figures of one server across its rounds: medians, with the spread of CPU per message; and
 * across its idle runs: medians of RSS per connection, with their spread.
 */

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

/** RSS per idle connection at one level: the median over the idle runs, with their spread. */
export interface IdleLevelSummary {
  connections: number;
  /** Runs that reached this level. */
  runs: number;
  /** Median over the runs of (RSS_N − RSS_0) / N, each run against its own baseline. */
  bytesPerConnection: number;
  bytesPerConnectionMin: number;
  bytesPerConnectionMax: number;
}

export interface IdleSummary {
  /** Idle runs, each a fresh server process. */
  runs: number;
  /** Median over the runs of the RSS with no clients. */
  baselineRssBytes: number;
  levels: IdleLevelSummary[];
  /**
   * Per run, (RSS at the highest level − RSS at the lowest) / (difference in connections): the cost
   * of one more connection, without the fixed costs the first connections bring (JIT code, heap
   * growth); the median over the runs, with their spread. Undefined with a single level.
   */
  marginalBytesPerConnection: number | undefined;
  marginalBytesPerConnectionMin: number | undefined;
  marginalBytesPerConnectionMax: number | undefined;
  /** Summed over the runs; anything but 0 makes the figures suspect. */
  dropped: number;
  /** Median over the runs of the time spent opening connections. */
  connectSeconds: number;
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

/** A run's marginal cost per connection between its lowest and highest level. */
function marginalOf(run: IdleResult): number | undefined {
  const first = run.levels[0];
  const last = run.levels[run.levels.length - 1];
  return first && last && last.connections > first.connections
    ? (last.rssBytes - first.rssBytes) / (last.connections - first.connections)
    : undefined;
}

function finiteMin(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length > 0 ? Math.min(...finite) : NaN;
}

function finiteMax(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length > 0 ? Math.max(...finite) : NaN;
}

export function summarizeIdle(runs: readonly IdleResult[]): IdleSummary | undefined {
  if (runs.length === 0) return undefined;
  const counts = [...new Set(runs.flatMap((r) => r.levels.map((l) => l.connections)))].sort((a, b) => a - b);
  const levels = counts.map((connections) => {
    const perConnection = runs.flatMap((r) => r.levels.filter((l) => l.connections === connections).map((l) => l.bytesPerConnection));
    return {
      connections,
      runs: perConnection.length,
      bytesPerConnection: med(perConnection),
      bytesPerConnectionMin: finiteMin(perConnection),
      bytesPerConnectionMax: finiteMax(perConnection),
    };
  });
  const marginals = runs.map(marginalOf).filter((m) => m !== undefined);
  return {
    runs: runs.length,
    baselineRssBytes: med(runs.map((r) => r.baselineRssBytes)),
    levels,
    marginalBytesPerConnection: marginals.length > 0 ? med(marginals) : undefined,
    marginalBytesPerConnectionMin: marginals.length > 0 ? finiteMin(marginals) : undefined,
    marginalBytesPerConnectionMax: marginals.length > 0 ? finiteMax(marginals) : undefined,
    dropped: runs.reduce((sum, r) => sum + r.dropped, 0),
    connectSeconds: med(runs.map((r) => r.connectSeconds)),
  };
}

export function summarize(
  servers: readonly ServerName[],
  relay: ReadonlyMap<ServerName, RelayResult[]>,
  idle: ReadonlyMap<ServerName, IdleResult[]>,
): ServerSummary[] {
  return servers.map((server) => ({
    server,
    label: SERVERS[server].label,
    relay: summarizeRelay(relay.get(server) ?? []),
    idle: summarizeIdle(idle.get(server) ?? []),
  }));
}

/** RSS per connection at `connections` (the median over the idle runs), or undefined if that level was not measured. */
export function rssPerConnection(summary: ServerSummary | undefined, connections: number): number | undefined {
  return summary?.idle?.levels.find((l) => l.connections === connections)?.bytesPerConnection;
}
