import type { ServerName } from './servers/registry.js';

/**
 * What the orchestrator (main.ts) asks of the load generator (load-generator.ts, its own
 * process), and what it reports back: one `RESULT <json>` line on stdout.
 */

/**
 * `per-turn`: what a client sends in one turn of the load generator's event loop leaves in one
 * write (clients/turn-corker.ts); `per-message`: one write per message, as the generator did
 * before. The same for every server.
 */
export type ClientWrites = 'per-turn' | 'per-message';
export const CLIENT_WRITES: readonly ClientWrites[] = ['per-turn', 'per-message'];

export interface ServerTarget {
  server: ServerName;
  host: string;
  port: number;
  /** The server's pid, whose /proc/<pid>/stat the load generator samples. */
  pid: number;
}

/** Pairs of clients echoing ICE candidates with a fixed number of round trips in flight. */
export interface RelayScenario {
  kind: 'relay';
  target: ServerTarget;
  pairs: number;
  /** Round trips each client keeps outstanding. */
  inflight: number;
  warmupMs: number;
  durationMs: number;
  /** After the window: one pair, one round trip at a time, for this long (0 skips it). */
  probeMs: number;
  /** How the load generator's clients write: all of a client's sends in one turn at once, or each alone. */
  clientWrites: ClientWrites;
}

/** Idle connections, opened up to each level in turn, with the server's RSS read at each. */
export interface IdleScenario {
  kind: 'idle';
  target: ServerTarget;
  /** Ascending connection counts, e.g. [1000, 10000]. */
  levels: number[];
  /** Quiet time before each RSS reading (IDLE_SETTLE_MS by default). */
  settleMs: number;
}

export type Scenario = RelayScenario | IdleScenario;

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
}

export interface RelayResult {
  kind: 'relay';
  server: ServerName;
  /** Signals delivered to clients inside the measured window (requests and echoes). */
  messages: number;
  windowSeconds: number;
  messagesPerSecond: number;
  serverCpuSeconds: number;
  /** Server CPU time over wall time in the window: 1 is one core saturated. */
  serverCoreShare: number;
  cpuMicrosPerMessage: number;
  /** The server's read-type and write-type system calls per relayed message (/proc/<pid>/io). */
  serverReadsPerMessage: number;
  serverWritesPerMessage: number;
  /**
   * Share of the window the server's event-loop thread was runnable but waiting for a CPU that
   * other processes held. Contention inflates CPU per message (less batching, colder caches).
   */
  serverWaitShare: number;
  /** The load generator's own CPU share: near 1 means it, not the server, set the pace. */
  loadCoreShare: number;
  loadWaitShare: number;
  /** Round trips (A→B→A, two relays) completed in the window, under load. */
  rttMs: Percentiles;
  /** Round trips of one pair with one message in flight, after the window. */
  probeRttMs: Percentiles | undefined;
  /** Errors, drops and out-of-order echoes; a valid run has none. */
  failures: number;
  firstFailure: string | undefined;
  /** Set by main.ts: the machine's busy share (other work) just before the run. */
  machineBusyBefore?: number;
}

export interface IdleLevel {
  connections: number;
  rssBytes: number;
  bytesPerConnection: number;
}

export interface IdleResult {
  kind: 'idle';
  server: ServerName;
  baselineRssBytes: number;
  levels: IdleLevel[];
  /** Connections the server dropped while the others were still being opened. */
  dropped: number;
  connectSeconds: number;
  /** Set by main.ts: the machine's busy share (other work) just before the run. */
  machineBusyBefore?: number;
  /** Set by main.ts: the 1-minute load average just before the run. */
  loadAverageBefore?: number;
}

export type ScenarioResult = RelayResult | IdleResult;

export const RESULT_PREFIX = 'RESULT ';
