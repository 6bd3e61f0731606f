import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../e2e/harness/server.js';
import type { JoinFloorReport } from './join-floor.js';

/**
 * The quick mode of `npm run bench:join-floor`: one measure of each sender into a temporary file.
 * It checks that the figures are produced and sane, never how fast they are.
 */

const run = promisify(execFile);
/** One browser, two connections per measure: seconds, unless the machine is very busy. */
const QUICK_TIMEOUT_MS = 90_000;
/** Longer than this from a track to its first frame is a broken measure, not a slow one. */
const SANE_MAX_MS = 30_000;

test('one quick measure of each sender produces sane figures', { timeout: QUICK_TIMEOUT_MS + 5_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'confab-join-floor-'));
  try {
    const out = join(dir, 'join-floor.json');
    await run(process.execPath, ['--import', 'tsx', 'bench/join-floor.ts', '--runs', '1', '--out', out], {
      cwd: REPO_ROOT,
      timeout: QUICK_TIMEOUT_MS,
      env: process.env,
    });
    const report = JSON.parse(await readFile(out, 'utf8')) as JoinFloorReport;
    expect(report.name).toBe('join-floor');
    expect(report.chromium).toMatch(/^\d+\./);
    for (const variant of ['cold', 'warm', 'warm-default'] as const) {
      expect(report.samples[variant]).toHaveLength(1);
      const ms = report.samples[variant][0]!.ms;
      expect(ms > 0 && ms < SANE_MAX_MS, `${variant}: ${ms} ms`).toBe(true);
    }
    // The warm sender had a bitrate estimate by the switch: its blank picture was being sent.
    expect(report.samples.warm[0]!.bitrate).toBeGreaterThan(0);
    expect(Number.isFinite(report.ratio)).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
