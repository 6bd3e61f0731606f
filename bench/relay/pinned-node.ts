import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * Starts `node <args>` as a child process pinned to one CPU (taskset) with a raised open-file
 * limit, so a server holding 10,000 sockets does not run out of descriptors. `exec` keeps the
 * pid: the child's pid is node's own, which /proc/<pid>/stat then describes.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Open files per process: 10,000 idle clients plus the server's own. */
export const MAX_OPEN_FILES = 20_000;
/** The server under test runs on this CPU, the load generator on the other. */
export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

let tasksetUsable: boolean | undefined;

/** Pinning needs taskset and at least two CPUs; without them everything runs unpinned. */
export function canPin(): boolean {
  if (tasksetUsable === undefined) {
    try {
      execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
      tasksetUsable = availableParallelism() >= 2;
    } catch {
      tasksetUsable = false;
    }
  }
  return tasksetUsable;
}

export interface PinnedNodeOptions {
  /** The CPU to pin to; ignored when pinning is not possible. */
  cpu: number;
  /** Arguments after `node`: flags, then the script. */
  args: readonly string[];
  env?: Record<string, string>;
}

export function spawnPinnedNode({ cpu, args, env = {} }: PinnedNodeOptions): ChildProcess {
  const pin = canPin() ? `taskset -c ${cpu} ` : '';
  // The soft limit may not be raised past the hard one: then take the hard one.
  const script = `ulimit -n ${MAX_OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec ${pin}"$0" "$@"`;
  return spawn('bash', ['-c', script, process.execPath, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves when the child has exited; SIGKILL after `graceMs` if SIGTERM was not enough. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
