import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../e2e/harness/server.js';
import type { JoinReport } from './join-bench.js';
import { stageProblem } from './join-stages.js';

/**
 * The quick mode of `npm run bench:join`: two joins of a room of 2, warm lobby, into a temporary
 * file. It checks that figures are produced and sane (positive, finite, the steps in order), not
 * how fast they are: that is the bench's job, on a quiet machine.
 */

const run = promisify(execFile);
/** Two joins, their lobbies and the resident's: well under a minute, unless the machine is very busy. */
const QUICK_TIMEOUT_MS = 110_000;

test('two quick joins produce sane figures and a stage breakdown in order', { timeout: QUICK_TIMEOUT_MS + 5_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'confab-join-bench-'));
  try {
    const out = join(dir, 'join.json');
    await run(
      process.execPath,
      ['--import', 'tsx', 'bench/join.ts', '--runs', '2', '--warmup', '0', '--people', '2', '--no-cold', '--members', '--out', out],
      { cwd: REPO_ROOT, timeout: QUICK_TIMEOUT_MS, env: process.env },
    );
    const report = JSON.parse(await readFile(out, 'utf8')) as JoinReport;

    expect(report.name).toBe('join');
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.scenarios).toHaveLength(1);
    const [scenario] = report.scenarios;
    expect(scenario).toMatchObject({ people: 2, variant: 'warm', runs: 2 });
    expect(scenario!.samplesMs).toHaveLength(2);
    for (const ms of [...scenario!.samplesMs, scenario!.medianMs, scenario!.p90Ms]) {
      expect(Number.isFinite(ms) && ms > 0, `figure ${ms}`).toBe(true);
    }
    expect(stageProblem(scenario!.stagesMedianMs)).toBeNull();
    // The figure is the last of the steps: the first frame on screen.
    expect(scenario!.stagesMedianMs['frame-presented']).toBe(scenario!.medianMs);
    // And the other direction: the member showed the newcomer's picture after the click.
    expect(scenario!.stagesMedianMs['resident:frame-presented']).toBeGreaterThan(0);
    // The machine around the joins was read: some work was done (a join is not free), no more than the cores allow.
    expect(scenario!.machine.cores).toBe(report.machine.cpus);
    expect(scenario!.machine.busyShare).toBeGreaterThan(0);
    expect(scenario!.machine.busyShare).toBeLessThanOrEqual(1.05);
    expect(scenario!.machine.runnable).toBeGreaterThan(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
