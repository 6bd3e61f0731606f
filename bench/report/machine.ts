import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { at, num, numbers, str, type Json } from './read.js';

/** What a bench ran on, recorded next to its figures, and read back for docs/benchmarks.md. */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Machine {
  node: string;
  cpus: number;
  cpuModel: string | undefined;
  memoryGiB: number;
  loadavg: number[];
  platform: string;
  commit: string | undefined;
  /** Whether the working tree had uncommitted changes. */
  dirty: boolean | undefined;
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The machine now: for a bench to put in its JSON as `machine`. */
export function machineInfo(): Machine {
  const status = git('status', '--porcelain', '--untracked-files=no');
  return {
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
    platform: `${process.platform} ${process.arch}`,
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: status === undefined ? undefined : status.length > 0,
  };
}

/** The machine a result file names, whichever bench wrote it (`machine`, `environment`, …). */
export function machineOf(result: Json): Partial<Machine> {
  const m = [at(result, 'machine'), at(result, 'environment')].find((x) => typeof x === 'object' && x !== null);
  const dirty = at(m, 'dirty');
  const uncommitted = at(m, 'git', 'uncommittedServerFiles');
  const load = numbers(m, 'loadavg').length > 0 ? numbers(m, 'loadavg') : numbers(m, 'loadavgAtStart');
  return {
    node: str(m, 'node'),
    cpus: num(m, 'cpus'),
    cpuModel: str(m, 'cpuModel'),
    memoryGiB: num(m, 'memoryGiB'),
    loadavg: load,
    platform: str(m, 'platform'),
    commit: str(m, 'commit') ?? str(m, 'git', 'commit'),
    dirty: typeof dirty === 'boolean' ? dirty : Array.isArray(uncommitted) ? uncommitted.length > 0 : undefined,
  };
}

/** One line: "Node v20.20.2, 2 CPUs (…), load 1.02 0.80 0.61, commit abc1234". */
export function describeMachine(m: Partial<Machine>): string {
  const parts: string[] = [];
  if (m.node) parts.push(`Node ${m.node}`);
  if (m.cpus !== undefined) parts.push(`${m.cpus} CPUs${m.cpuModel ? ` (${m.cpuModel.trim()})` : ''}`);
  if (m.memoryGiB !== undefined) parts.push(`${m.memoryGiB} GiB`);
  if (m.loadavg && m.loadavg.length > 0) parts.push(`load average ${m.loadavg.map((l) => l.toFixed(2)).join(' ')}`);
  if (m.commit) parts.push(`commit ${m.commit}${m.dirty ? ' + uncommitted changes' : ''}`);
  return parts.join(', ') || 'machine not recorded';
}
