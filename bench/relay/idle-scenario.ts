import { connectMany } from './clients/connect-many.js';
import { PROTOCOLS } from './clients/registry.js';
import type { RelayClient } from './clients/relay-client.js';
import { readProcStat } from './proc-stat.js';
import { CONNECT_CONCURRENCY } from './relay-scenario.js';
import type { IdleLevel, IdleResult, IdleScenario } from './scenario.js';
import { GC_SETTLE_MS, GC_SIGNAL } from './servers/gc-signal.js';
import { sleep } from './wait.js';

/**
 * Server memory per idle connection: RSS with no clients, then RSS with N real sessions open
 * (Confab: after hello/welcome; PeerJS: after OPEN; socket.io: connected; bare ws: welcomed),
 * both read after a full GC in the server; (RSS_N − RSS_0) / N.
 */

/** Quiet time before each reading, so handshakes and their timers have settled. */
const SETTLE_MS = 1_000;

async function rssAfterGc(pid: number): Promise<number> {
  process.kill(pid, GC_SIGNAL);
  await sleep(GC_SETTLE_MS);
  return readProcStat(pid).rssBytes;
}

export async function runIdleScenario(scenario: IdleScenario): Promise<IdleResult> {
  const { target } = scenario;
  const protocol = PROTOCOLS[target.server];
  await sleep(SETTLE_MS);
  const baselineRssBytes = await rssAfterGc(target.pid);

  const clients: RelayClient[] = [];
  const levels: IdleLevel[] = [];
  let dropped = 0;
  let connectMs = 0;
  for (const connections of scenario.levels) {
    const started = performance.now();
    const more = await connectMany(protocol, target, connections - clients.length, CONNECT_CONCURRENCY, clients.length);
    connectMs += performance.now() - started;
    for (const client of more) client.onFailure = () => dropped++;
    clients.push(...more);
    await sleep(SETTLE_MS);
    const rssBytes = await rssAfterGc(target.pid);
    levels.push({ connections, rssBytes, bytesPerConnection: (rssBytes - baselineRssBytes) / connections });
  }
  return { kind: 'idle', server: target.server, baselineRssBytes, levels, dropped, connectSeconds: connectMs / 1000 };
}
