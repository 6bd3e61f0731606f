import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built server, started exactly as a person would: `node packages/server/dist/main.js`. */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_MAIN = fileURLToPath(new URL('../../packages/server/dist/main.js', import.meta.url));

/** How long the server may take to log "listening" (a cold start on a busy 2-core machine). */
export const SERVER_START_TIMEOUT_MS = 20_000;
/** How long `stop()` waits after SIGTERM before it sends SIGKILL. */
export const SERVER_STOP_TIMEOUT_MS = 5_000;
/** Log lines kept for failure messages; older ones are dropped. */
const MAX_LOG_LINES = 2_000;
/** The only variables the server inherits from the test process. */
const INHERITED_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
/** pino levels above info, which would hide the "listening" line. */
const QUIET_LEVELS = new Set(['warn', 'error', 'fatal', 'silent']);
/** Lines shown in an error message. */
const LOG_TAIL_LINES = 40;

/** Environment overrides the tests use; any other server variable may be passed too. */
export interface ServerEnv {
  MAX_PEERS?: string;
  HEARTBEAT_INTERVAL_MS?: string;
  HEARTBEAT_TIMEOUT_MS?: string;
  LOG_LEVEL?: string;
  [key: string]: string | undefined;
}

/** One parsed pino line (or `{ msg: <raw text> }` for a line that is not JSON). */
export type LogRecord = Record<string, unknown> & { msg?: unknown };

export interface RunningServer {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:41234`, no trailing slash. */
  url: string;
  port: number;
  pid: number;
  /** Every log record so far (bounded), stdout and stderr. */
  logs(): readonly LogRecord[];
  /** The last lines of output, for failure messages. */
  logTail(lines?: number): string;
  /** Resolves with the first record (already seen or to come) that matches. */
  waitForLog(match: (record: LogRecord) => boolean, timeoutMs: number, what: string): Promise<LogRecord>;
  /** SIGTERM, then SIGKILL after SERVER_STOP_TIMEOUT_MS. Idempotent. */
  stop(): Promise<void>;
  /** Sends `signal` and resolves when the process has exited, with its exit code (or null). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves when the process exits, however it exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Children still running, killed if the test process exits without cleaning up. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

function parseLine(line: string, stream: 'stdout' | 'stderr'): LogRecord {
  if (stream === 'stdout' && line.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as LogRecord;
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  return { msg: line, stream };
}

function listeningAddress(record: LogRecord): { url: string; port: number } | undefined {
  if (record.msg !== 'listening' || typeof record.port !== 'number') return undefined;
  const port = record.port;
  // Prefer the URL the server reports; fall back to loopback if it names a wildcard address.
  if (typeof record.url === 'string') {
    try {
      const url = new URL(record.url);
      if (url.hostname !== '0.0.0.0' && url.hostname !== '[::]') return { url: url.origin, port };
    } catch {
      // An unparseable url: use the port alone.
    }
  }
  return { url: `http://127.0.0.1:${port}`, port };
}

/**
 * Starts the built server on a free port (PORT=0) on loopback and resolves once it logs
 * "listening". Rejects, with the server's output, if it exits or stays silent too long.
 */
export async function startServer(overrides: ServerEnv = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(`${SERVER_MAIN} does not exist: build first (npm run build)`);
  }
  if (overrides.LOG_LEVEL && QUIET_LEVELS.has(overrides.LOG_LEVEL)) {
    throw new Error(`LOG_LEVEL=${overrides.LOG_LEVEL} hides the "listening" line the harness waits for; use info or debug`);
  }
  installExitHook();

  // Only the basics are inherited: the developer's own server settings (MAX_PEERS, REDIS_URL, …)
  // must not leak into a test, which states what it needs.
  const env: NodeJS.ProcessEnv = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  for (const key of INHERITED_ENV) if (process.env[key] !== undefined) env[key] = process.env[key];
  // A web build elsewhere than apps/web/dist (developers building side by side): E2E_STATIC_DIR.
  if (process.env.E2E_STATIC_DIR) env.STATIC_DIR = process.env.E2E_STATIC_DIR;
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) env[key] = value;
  }
  const child = spawn(process.execPath, [SERVER_MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);

  const records: LogRecord[] = [];
  const rawLines: string[] = [];
  const watchers = new Set<(record: LogRecord) => void>();
  const onLine = (stream: 'stdout' | 'stderr') => (line: string) => {
    const record = parseLine(line, stream);
    records.push(record);
    rawLines.push(stream === 'stderr' ? `[stderr] ${line}` : line);
    if (records.length > MAX_LOG_LINES) records.shift();
    if (rawLines.length > MAX_LOG_LINES) rawLines.shift();
    for (const watch of [...watchers]) watch(record);
  };
  createInterface({ input: child.stdout! }).on('line', onLine('stdout'));
  createInterface({ input: child.stderr! }).on('line', onLine('stderr'));

  const logTail = (lines = LOG_TAIL_LINES) => rawLines.slice(-lines).join('\n');

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });

  const waitForLog = (match: (record: LogRecord) => boolean, timeoutMs: number, what: string) =>
    new Promise<LogRecord>((resolve, reject) => {
      const seen = records.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(() => {
        watchers.delete(watch);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for server log: ${what}\n--- server output ---\n${logTail()}`));
      }, timeoutMs);
      timer.unref();
      const watch = (record: LogRecord) => {
        if (!match(record)) return;
        clearTimeout(timer);
        watchers.delete(watch);
        resolve(record);
      };
      watchers.add(watch);
    });

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return (await exited).code;
  };

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  try {
    const address = await Promise.race([
      waitForLog((record) => listeningAddress(record) !== undefined, SERVER_START_TIMEOUT_MS, '"listening"'),
      exited.then(({ code, signal }) => {
        throw new Error(`server exited before listening (code ${code}, signal ${signal})\n--- server output ---\n${logTail()}`);
      }),
    ]).then((record) => listeningAddress(record)!);
    return {
      ...address,
      pid: child.pid!,
      logs: () => records,
      logTail,
      waitForLog,
      stop,
      kill,
      exited,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
