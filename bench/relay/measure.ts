import { runLoadGenerator } from './run-load.js';
import type { IdleResult, RelayResult, RelayScenario } from './scenario.js';
import { launchServer, type LaunchOptions, type RunningServer } from './servers/launch.js';
import type { ServerSpec } from './servers/registry.js';

/** One measurement: a fresh server process, one load-generator run against it, then stop. */

/** Time allowed to connect and pair the relay clients, or to open idle ones, on top of the scenario. */
const SETUP_BUDGET_MS = 60_000;
/** Budget per idle connection, for the 10,000-connection runs on a busy machine. */
const IDLE_MS_PER_CONNECTION = 20;
const DRAIN_BUDGET_MS = 20_000;

export type RelayParams = Omit<RelayScenario, 'kind' | 'target'>;

function target(server: RunningServer) {
  return { server: server.spec.name, host: server.host, port: server.port, pid: server.pid };
}

function assertAlive(server: RunningServer): void {
  try {
    process.kill(server.pid, 0);
  } catch {
    throw new Error(`${server.spec.label} server died during the run\n${server.outputTail()}`);
  }
}

export async function measureRelay(spec: ServerSpec, params: RelayParams, launch: LaunchOptions = {}): Promise<RelayResult> {
  const server = await launchServer(spec, launch);
  try {
    const timeoutMs = SETUP_BUDGET_MS + params.warmupMs + params.durationMs + params.probeMs + 2 * DRAIN_BUDGET_MS;
    const result = await runLoadGenerator({ kind: 'relay', target: target(server), ...params }, timeoutMs);
    assertAlive(server);
    return result as RelayResult;
  } finally {
    await server.stop();
  }
}

export async function measureIdle(spec: ServerSpec, levels: readonly number[], settleMs: number): Promise<IdleResult> {
  const server = await launchServer(spec);
  try {
    const most = Math.max(...levels);
    const timeoutMs = SETUP_BUDGET_MS + most * IDLE_MS_PER_CONNECTION + (levels.length + 1) * settleMs;
    const result = await runLoadGenerator({ kind: 'idle', target: target(server), levels: [...levels], settleMs }, timeoutMs);
    assertAlive(server);
    return result as IdleResult;
  } finally {
    await server.stop();
  }
}
