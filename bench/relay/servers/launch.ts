import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SERVER_CPU, spawnPinnedNode, stopChild } from '../pinned-node.js';
import { BENCH_HOST } from './announce.js';
import { compileBenchServers } from './compile.js';
import { GC_NODE_ARGS } from './gc-signal.js';
import type { ServerSpec } from './registry.js';

/** Starts one server under test on the server CPU and waits for its "listening" line. */

/** A cold start on a busy two-core machine. */
export const SERVER_START_TIMEOUT_MS = 20_000;
/** After SIGTERM, how long a server may take to exit before SIGKILL. */
export const SERVER_STOP_GRACE_MS = 5_000;
/** Output lines kept for error messages. */
const OUTPUT_LINES_KEPT = 40;

export interface RunningServer {
  spec: ServerSpec;
  pid: number;
  host: string;
  port: number;
  /** SIGTERM, SIGKILL after the grace. Idempotent. */
  stop(): Promise<void>;
  /** The last lines the server printed. */
  outputTail(): string;
}

export interface LaunchOptions {
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
}

function listeningPort(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const record = JSON.parse(line) as { msg?: unknown; port?: unknown };
    return record.msg === 'listening' && typeof record.port === 'number' ? record.port : undefined;
  } catch {
    return undefined;
  }
}

function waitForPort(child: ChildProcess, spec: ServerSpec, tail: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${spec.label} server ${why}\n--- output ---\n${tail.join('\n')}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${SERVER_START_TIMEOUT_MS} ms`), SERVER_START_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = listeningPort(line);
      if (port === undefined) return;
      clearTimeout(timer);
      resolve(port);
    });
  });
}

export async function launchServer(spec: ServerSpec, options: LaunchOptions = {}): Promise<RunningServer> {
  if (spec.transpiled) await compileBenchServers();
  const child = spawnPinnedNode({
    cpu: SERVER_CPU,
    args: [...GC_NODE_ARGS, ...(options.nodeArgs ?? []), spec.entry],
    env: spec.env,
  });
  const tail: string[] = [];
  const keep = (prefix: string) => (line: string) => {
    tail.push(prefix + line);
    if (tail.length > OUTPUT_LINES_KEPT) tail.shift();
  };
  createInterface({ input: child.stdout! }).on('line', keep(''));
  createInterface({ input: child.stderr! }).on('line', keep('[stderr] '));
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopChild(child, SERVER_STOP_GRACE_MS));
  try {
    const port = await waitForPort(child, spec, tail);
    return { spec, pid: child.pid!, host: BENCH_HOST, port, stop, outputTail: () => tail.join('\n') };
  } catch (error) {
    await stop();
    throw error;
  }
}
