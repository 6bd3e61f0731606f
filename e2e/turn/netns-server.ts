import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { REPO_ROOT, SERVER_MAIN, SERVER_START_TIMEOUT_MS, SERVER_STOP_TIMEOUT_MS } from '../harness/server.js';

/**
 * The built Confab server inside a network namespace (`ip netns exec <ns> node main.js`), for the
 * test where the browsers sit in namespaces of their own. harness/server.ts starts it in the
 * test's own namespace, which the browsers there could not reach.
 */

const INHERITED_ENV = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
const MAX_LOG_LINES = 2_000;

export interface NetnsServer {
  url: string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export async function startServerInNetns(ns: string, host: string, overrides: Record<string, string>): Promise<NetnsServer> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} does not exist: build first (npm run build)`);
  const env: NodeJS.ProcessEnv = { PORT: '0', HOST: host, LOG_LEVEL: 'info', ...overrides };
  for (const key of INHERITED_ENV) if (process.env[key] !== undefined) env[key] = process.env[key];
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, SERVER_MAIN], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const logTail = (n = 40) => lines.slice(-n).join('\n');

  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server in ${ns} did not log "listening"\n${logTail()}`)), SERVER_START_TIMEOUT_MS);
    const onLine = (line: string) => {
      lines.push(line);
      if (lines.length > MAX_LOG_LINES) lines.shift();
      if (!line.startsWith('{')) return;
      try {
        const record = JSON.parse(line) as { msg?: unknown; port?: unknown };
        if (record.msg === 'listening' && typeof record.port === 'number') {
          clearTimeout(timer);
          resolve(record.port);
        }
      } catch {
        // Not JSON: kept as text.
      }
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', (line) => onLine(`[stderr] ${line}`));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server in ${ns} exited before listening\n${logTail()}`));
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  try {
    return { url: `http://${host}:${await port}`, logTail, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
