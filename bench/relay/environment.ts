import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { canPin, LOAD_CPU, MAX_OPEN_FILES, REPO_ROOT, SERVER_CPU } from './pinned-node.js';
import { clockTicksPerSecond } from './proc-stat.js';

/** What the results were measured on: recorded in the JSON next to the figures. */

/** The packages the server is built from: their uncommitted changes are in the build too. */
const SERVER_PACKAGES = ['packages/protocol', 'packages/core', 'packages/server'];

/** The commit measured, and the server packages' files that differ from it. */
function gitState(): { commit: string; uncommittedServerFiles: string[] } | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
    const dirty = git('status', '--porcelain', '--', ...SERVER_PACKAGES)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3)); // "XY path"
    return { commit: git('rev-parse', '--short', 'HEAD').trim(), uncommittedServerFiles: dirty };
  } catch {
    return undefined;
  }
}

export function environment() {
  return {
    git: gitState(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadavgAtStart: loadavg(),
    pinned: canPin() ? { server: SERVER_CPU, loadGenerator: LOAD_CPU } : false,
    clockTicksPerSecond: clockTicksPerSecond(),
    maxOpenFiles: MAX_OPEN_FILES,
  };
}
