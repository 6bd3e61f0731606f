import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './report/machine.js';

/**
 * For the quick-mode tests of the benches: runs a bench script as `npm run bench:*` would (its own
 * Node process, through tsx), with its results going to a temporary directory so the real
 * bench/results/ and docs/benchmarks.md are left alone.
 */

export interface BenchRun {
  exitCode: number;
  output: string;
}

export function runBench(script: string, args: readonly string[], timeoutMs: number): Promise<BenchRun> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', resolve(REPO_ROOT, script), ...args],
      { cwd: REPO_ROOT, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(new Error(`${script} did not finish: ${error.message}\n${stdout}\n${stderr}`));
        resolvePromise({ exitCode: error ? Number(error.code) : 0, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** A scratch directory for one test file's results. */
export async function scratchDir(name: string): Promise<{ dir: string; file(name: string): string; read(name: string): Promise<unknown>; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `confab-bench-${name}-`));
  return {
    dir,
    file: (f) => join(dir, f),
    read: async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as unknown,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
