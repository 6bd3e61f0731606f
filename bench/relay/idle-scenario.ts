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

/**
 * Quiet time before each reading, so handshakes and their timers have settled and the server is
 * idle as its connections are: V8 gives back the young generation that a burst of handshakes grew
 * only once the heap has been idle for some seconds after a full collection (its memory reducer,
 * about 8 s). Read after one second, RSS counted that transient: 11.9 KiB per connection at 1,000
 * for Confab and 12.8 for PeerJS, against 3.9 and 5.2 after 15 s (same build, same machine).
 */
export const IDLE_SETTLE_MS = 15_000;

async function rssAfterGc(pid: number): Promise<number> {
  process.kill(pid, GC_SIGNAL);
  await sleep(GC_SETTLE_MS);
  return readProcStat(pid).rssBytes;
}

export async function runIdleScenario(scenario: IdleScenario): Promise<IdleResult> {
  const { target } = scenario;
  const protocol = PROTOCOLS[target.server];
  await sleep(scenario.settleMs);
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
    await sleep(scenario.settleMs);
    const rssBytes = await rssAfterGc(target.pid);
    levels.push({ connections, rssBytes, bytesPerConnection: (rssBytes - baselineRssBytes) / connections });
  }
  return { kind: 'idle', server: target.server, baselineRssBytes, levels, dropped, connectSeconds: connectMs / 1000 };
}
