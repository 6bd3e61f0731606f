/**
 * `npm run bench:relay`: how much it costs four signaling servers to relay ICE candidates.
 *
 *   Confab's server, the PeerJS server, a socket.io relay and a bare `ws` relay, each as its own
 *   process pinned to CPU 0, driven by a load generator (its own process, pinned to CPU 1):
 *   pairs of clients echo ICE-candidate signals (frames of 224–308 bytes) with a fixed number in
 *   flight. Per server: relayed messages per second, server CPU time per message
 *   (/proc/<pid>/stat), round-trip latency under load and with one message in flight, and server
 *   RSS per idle connection (the median of `--idle-runs` fresh processes per server).
 *   Relay rounds and idle runs are interleaved across servers so the machine's drift hits all alike.
 *
 * Usage: npm run bench:relay -- [--quick|--full] [--servers …] [--pairs N] [--inflight N]
 *        [--rounds N] [--warmup S] [--duration S] [--probe S] [--connections 1000,10000|none]
 *        [--idle-runs N] [--idle-settle S] [--profile] [--quiet-wait S] [--client-writes MODE]
 *        [--out FILE]                                       (see options.ts)
 */

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { updateReportFor } from '../report/index.js';
import { renderProfileSummary } from './cpu-profile.js';
import { environment } from './environment.js';
import { evaluateGoals } from './goals.js';
import { waitForQuiet } from './machine-load.js';
import { measureIdle, measureRelay, type RelayParams } from './measure.js';
import { parseOptions, type BenchOptions } from './options.js';
import { LOAD_CPU, SERVER_CPU } from './pinned-node.js';
import { profileServer, type ProfileRun } from './profile.js';
import { renderReport } from './report.js';
import type { IdleResult, RelayResult } from './scenario.js';
import { CONFAB_MAIN, SERVERS, type ServerName } from './servers/registry.js';
import { summarize } from './summary.js';

/**
 * A relay run in which the server or the load generator waited for a CPU (held by other work on
 * a shared machine) for this share of the window or more is run again, up to `--attempts` times
 * (--full: twice); the least contended attempt counts. Contention inflates CPU per message: with
 * the CPU taken away, fewer messages share each wake-up and the caches are cold.
 */
const CONTENDED_WAIT_SHARE = 0.2;

function contention(r: RelayResult): number {
  return Math.max(r.serverWaitShare || 0, r.loadWaitShare || 0);
}

/** Round r starts with the r-th server, so no server always runs first (or last) in a round. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function describeRelay(r: RelayResult): string {
  const failures = r.failures > 0 ? `  ${r.failures} FAILURES (first: ${r.firstFailure})` : '';
  return (
    `${Math.round(r.messagesPerSecond).toLocaleString('en-US')} msg/s, ${r.cpuMicrosPerMessage.toFixed(1)} µs CPU/msg, ` +
    `server ${Math.round(r.serverCoreShare * 100)}% / load ${Math.round(r.loadCoreShare * 100)}% of a core, ` +
    `waited ${Math.round(r.serverWaitShare * 100)}% / ${Math.round(r.loadWaitShare * 100)}%, ` +
    `RTT p50 ${r.rttMs.p50.toFixed(1)} ms${failures}`
  );
}

/** The machine's 1-minute load average, as `uptime` prints it. */
const load1 = () => loadavg()[0]!.toFixed(2);

function describeIdle(r: IdleResult): string {
  const levels = r.levels.map((l) => `@${l.connections}: ${(l.bytesPerConnection / 1024).toFixed(1)} KiB/conn`).join(', ');
  return `baseline ${(r.baselineRssBytes / 2 ** 20).toFixed(1)} MiB, ${levels}, connected in ${r.connectSeconds.toFixed(1)} s` +
    (r.dropped > 0 ? `, ${r.dropped} DROPPED` : '');
}

interface RelayRuns {
  kept: Map<ServerName, RelayResult[]>;
  /** Attempts set aside for a less contended one. */
  contended: Map<ServerName, RelayResult[]>;
}

async function runRelayRounds(options: BenchOptions, params: RelayParams): Promise<RelayRuns> {
  const kept = new Map<ServerName, RelayResult[]>(options.servers.map((s) => [s, []]));
  const contended = new Map<ServerName, RelayResult[]>(options.servers.map((s) => [s, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const name of rotate(options.servers, round)) {
      const attempts: RelayResult[] = [];
      for (let attempt = 1; attempt <= options.attempts; attempt++) {
        const othersBusy = await waitForQuiet(options.quietWaitMs);
        const result = { ...(await measureRelay(SERVERS[name], params)), machineBusyBefore: othersBusy };
        attempts.push(result);
        const retry = contention(result) >= CONTENDED_WAIT_SHARE && attempt < options.attempts;
        console.log(
          `relay  round ${round + 1}/${options.rounds}  ${SERVERS[name].label.padEnd(9)}  ${describeRelay(result)}` +
            (retry ? '  (contended: again)' : ''),
        );
        if (!retry) break;
      }
      attempts.sort((a, b) => contention(a) - contention(b));
      kept.get(name)!.push(attempts[0]!);
      contended.get(name)!.push(...attempts.slice(1));
    }
  }
  return { kept, contended };
}

/**
 * `--idle-runs` runs per server, each a fresh server process through every level, interleaved as
 * the relay rounds are: run r starts with the r-th server, so no server always follows the same one
 * or always meets the machine in the same state.
 */
async function runIdle(options: BenchOptions): Promise<Map<ServerName, IdleResult[]>> {
  const runs = new Map<ServerName, IdleResult[]>(options.servers.map((s) => [s, []]));
  if (options.connections.length === 0) return runs;
  for (let run = 0; run < options.idleRuns; run++) {
    for (const name of rotate(options.servers, run)) {
      const othersBusy = await waitForQuiet(options.quietWaitMs);
      const loadBefore = loadavg()[0]!;
      const result: IdleResult = {
        ...(await measureIdle(SERVERS[name], options.connections, options.idleSettleMs)),
        machineBusyBefore: othersBusy,
        loadAverageBefore: loadBefore,
      };
      runs.get(name)!.push(result);
      console.log(`idle   run ${run + 1}/${options.idleRuns}  ${SERVERS[name].label.padEnd(9)}  ${describeIdle(result)}  (load ${loadBefore.toFixed(2)} → ${load1()})`);
    }
  }
  return runs;
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (options.servers.includes('confab') && !existsSync(CONFAB_MAIN)) {
    throw new Error(`${CONFAB_MAIN} does not exist: build first (npm run build)`);
  }
  const params: RelayParams = {
    pairs: options.pairs,
    inflight: options.inflight,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    probeMs: options.probeMs,
    clientWrites: options.clientWrites,
  };
  const env = environment();
  console.log(
    `relay bench (${options.preset}): ${options.servers.map((s) => SERVERS[s].label).join(', ')}; ` +
      `${options.pairs} pairs × ${options.inflight} in flight per client (client writes ${options.clientWrites}), ${options.rounds} rounds of ` +
      `${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s window; ` +
      `idle connections: ${options.connections.length > 0 ? `${options.connections.join(', ')} × ${options.idleRuns} run(s)` : 'skipped'}; ` +
      `${env.cpus} CPUs, ${env.pinned ? `server on CPU ${SERVER_CPU}, load on CPU ${LOAD_CPU}` : 'not pinned'}, ` +
      `load average ${env.loadavgAtStart.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const started = performance.now();

  const relay = await runRelayRounds(options, params);
  const idle = await runIdle(options);
  let profile: ProfileRun | undefined;
  if (options.profile) {
    profile = await profileServer(SERVERS.confab, params, dirname(options.out));
    console.log(`\nConfab under --cpu-prof (${describeRelay(profile.relay)}), ${profile.file}:`);
    console.log(renderProfileSummary(profile.summary));
  }

  const summaries = summarize(options.servers, relay.kept, idle);
  const verdicts = evaluateGoals(summaries, options.connections);
  console.log(`\n${renderReport(summaries, options.connections, verdicts, 'text')}`);

  const report = {
    benchmark: 'relay',
    date: new Date().toISOString(),
    elapsedSeconds: Math.round((performance.now() - started) / 1000),
    options,
    environment: { ...env, loadavgAtEnd: loadavg() },
    summaries,
    goals: verdicts,
    contendedWaitShare: CONTENDED_WAIT_SHARE,
    runs: {
      relay: Object.fromEntries(relay.kept),
      relayContendedAndRedone: Object.fromEntries(relay.contended),
      idle: Object.fromEntries(idle),
    },
    ...(profile ? { profile: { file: profile.file, relay: profile.relay, summary: profile.summary } } : {}),
  };
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = options.out.replace(/\.json$/, '') + '.md';
  await writeFile(markdown, `${renderReport(summaries, options.connections, verdicts, 'markdown')}\n`);
  console.log(`\nwrote ${options.out} and ${markdown} (${report.elapsedSeconds} s)`);
  await updateReportFor(options.out);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
