import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_QUIET_WAIT_MS } from './machine-load.js';
import { IDLE_SETTLE_MS } from './idle-scenario.js';
import { REPO_ROOT } from './pinned-node.js';
import { CLIENT_WRITES, type ClientWrites } from './scenario.js';
import { SERVER_NAMES, isServerName, type ServerName } from './servers/registry.js';

/**
 * Command-line options of `npm run bench:relay -- [options]`.
 *
 *   --quick               (default) 3 rounds of 1 s warm-up + 5 s window + 1 s latency probe; 1 idle run
 *   --full                5 rounds of 3 s + 10 s + 3 s; a contended run is redone once; 5 idle runs
 *   --servers LIST        confab,peerjs,socketio,ws (the default: all four)
 *   --pairs N             client pairs relaying at once (default 50)
 *   --inflight N          round trips each client keeps outstanding (default 8)
 *   --rounds N            relay runs per server, interleaved; figures are medians
 *   --attempts N          tries per relay run; the least contended counts (quick 1, full 2)
 *   --warmup S, --duration S, --probe S   seconds (override the preset)
 *   --connections LIST    idle-connection levels for RSS, e.g. 1000,10000; "none" skips
 *   --idle-runs N         idle runs per server (quick 1, full 5), each a fresh server process that
 *                         opens every level, interleaved across servers; RSS/conn is the median of
 *                         the runs' figures, shown with their min–max
 *   --idle-settle S       quiet seconds before each RSS reading (default 15: the server idle, as its connections are)
 *   --profile             also run Confab under `node --cpu-prof` and summarise where time goes
 *   --quiet-wait S        the longest to wait for a quiet machine before each run (default 5; 0: never)
 *   --client-writes MODE  per-turn (default): a client's sends of one turn in one write; per-message
 *   --out FILE            JSON results (default bench/results/relay.json)
 */

export interface BenchOptions {
  preset: 'quick' | 'full';
  servers: ServerName[];
  pairs: number;
  inflight: number;
  rounds: number;
  /** Attempts per relay run: more than one redoes a run the machine's other work got in the way of. */
  attempts: number;
  warmupMs: number;
  durationMs: number;
  probeMs: number;
  connections: number[];
  /** Idle runs per server, each a fresh process through every level; figures are medians over them. */
  idleRuns: number;
  profile: boolean;
  /** The longest to wait for a quiet machine before each run. */
  quietWaitMs: number;
  /** Quiet time before each idle RSS reading. */
  idleSettleMs: number;
  clientWrites: ClientWrites;
  out: string;
}

/**
 * Idle runs: one reading per level and server moved by as much as the connections took at 1,000
 * (V8's heap sizing: PeerJS 5.7 to 10.2 KiB/conn in four fresh processes, Confab 5.7 to 6.5), so
 * the full preset takes the median of five. A run through 10,000 connections takes about 50 s
 * (three 15 s quiet periods, the handshakes, start and stop), so five per server instead of one
 * add about 14 minutes to a full run of four servers (23 minutes in all on 2026-12-05, quiet
 * machine); the quick preset keeps one.
 */
const PRESETS = {
  quick: { rounds: 3, attempts: 1, warmupS: 1, durationS: 5, probeS: 1, idleRuns: 1 },
  full: { rounds: 5, attempts: 2, warmupS: 3, durationS: 10, probeS: 3, idleRuns: 5 },
} as const;

export const DEFAULT_PAIRS = 50;
export const DEFAULT_INFLIGHT = 8;
export const DEFAULT_CONNECTIONS = '1000,10000';
export const DEFAULT_OUT = resolve(REPO_ROOT, 'bench/results/relay.json');
/** Past this the client side alone runs out of file descriptors (MAX_OPEN_FILES). */
const MAX_CONNECTIONS = 19_000;

function count(raw: string, flag: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${flag} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

function seconds(raw: string, flag: string, min: number): number {
  const s = Number(raw);
  if (!Number.isFinite(s) || s < min || s > 600) throw new Error(`--${flag} must be seconds from ${min} to 600, got "${raw}"`);
  return Math.round(s * 1000);
}

function serverList(raw: string): ServerName[] {
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((name) => !isServerName(name));
  if (unknown.length > 0) throw new Error(`--servers: unknown ${unknown.join(', ')}; choose from ${SERVER_NAMES.join(', ')}`);
  if (names.length === 0) throw new Error('--servers: name at least one server');
  return [...new Set(names)] as ServerName[];
}

function connectionLevels(raw: string): number[] {
  if (raw === 'none' || raw === '') return [];
  const levels = raw.split(',').map((s) => count(s.trim(), 'connections', 1, MAX_CONNECTIONS));
  return [...new Set(levels)].sort((a, b) => a - b);
}

function clientWrites(raw: string): ClientWrites {
  const mode = CLIENT_WRITES.find((m) => m === raw);
  if (!mode) throw new Error(`--client-writes must be one of ${CLIENT_WRITES.join(', ')}, got "${raw}"`);
  return mode;
}

export function parseOptions(argv: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      servers: { type: 'string', default: SERVER_NAMES.join(',') },
      pairs: { type: 'string', default: String(DEFAULT_PAIRS) },
      inflight: { type: 'string', default: String(DEFAULT_INFLIGHT) },
      rounds: { type: 'string' },
      attempts: { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      probe: { type: 'string' },
      connections: { type: 'string', default: DEFAULT_CONNECTIONS },
      'idle-runs': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: String(MAX_QUIET_WAIT_MS / 1000) },
      'idle-settle': { type: 'string', default: String(IDLE_SETTLE_MS / 1000) },
      'client-writes': { type: 'string', default: 'per-turn' },
      out: { type: 'string', default: DEFAULT_OUT },
    },
  });
  if (values.quick && values.full) throw new Error('--quick and --full exclude each other');
  const preset = values.full ? 'full' : 'quick';
  const p = PRESETS[preset];
  return {
    preset,
    servers: serverList(values.servers),
    pairs: count(values.pairs, 'pairs', 1, 2_000),
    inflight: count(values.inflight, 'inflight', 1, 1_000),
    rounds: values.rounds === undefined ? p.rounds : count(values.rounds, 'rounds', 1, 50),
    attempts: values.attempts === undefined ? p.attempts : count(values.attempts, 'attempts', 1, 5),
    warmupMs: seconds(values.warmup ?? String(p.warmupS), 'warmup', 0),
    durationMs: seconds(values.duration ?? String(p.durationS), 'duration', 1),
    probeMs: seconds(values.probe ?? String(p.probeS), 'probe', 0),
    connections: connectionLevels(values.connections),
    idleRuns: values['idle-runs'] === undefined ? p.idleRuns : count(values['idle-runs'], 'idle-runs', 1, 20),
    profile: values.profile,
    quietWaitMs: seconds(values['quiet-wait'], 'quiet-wait', 0),
    idleSettleMs: seconds(values['idle-settle'], 'idle-settle', 0),
    clientWrites: clientWrites(values['client-writes']),
    out: resolve(values.out),
  };
}
