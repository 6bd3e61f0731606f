import { createConfabServer, createLogger, loadConfig } from '@confab/server';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../src/report.js';
import { CLI_TIMEOUT_MS, runCli } from './run-cli.js';

/**
 * confab-load against the real Confab server (its exported API, on a free loopback port): a few
 * seconds of 12 peers in 3 rooms with churn, a clean verdict and exit code 0.
 */

// All peers come from one address, and the churn sends bursts: the defaults (50 per IP) would refuse some.
const LIMITS = { MAX_CONNECTIONS_PER_IP: '1000', RATE_LIMIT_PER_SECOND: '1000', RATE_LIMIT_BURST: '1000' };

describe('confab-load against a real Confab server', () => {
  let server: ReturnType<typeof createConfabServer>;
  let url: string;
  let scratch: string;

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '', ...LIMITS });
    server = createConfabServer({ config, log: createLogger('silent') });
    const { port } = await server.listen();
    url = `ws://127.0.0.1:${port}/ws`;
    scratch = await mkdtemp(join(tmpdir(), 'confab-load-'));
  });

  afterAll(async () => {
    await server?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it(
    'a few seconds with churn end clean: exit code 0, every signal delivered once, latencies measured',
    async () => {
      const json = join(scratch, 'clean.json');
      const run = await runCli(['--url', url, '--peers', '12', '--rooms', '3', '--duration', '3', '--churn', '3', '--drain', '3', '--json', json]);
      expect(run.stdout).toContain('CLEAN: no signals were lost or duplicated, and no errors.');
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);

      const report = JSON.parse(await readFile(json, 'utf8')) as LoadReport;
      const { result } = report;
      expect(report.clean).toBe(true);
      expect(result.joins).toBeGreaterThanOrEqual(12);
      expect(result.leaves).toBeGreaterThan(0);
      expect(result.signals.sent).toBeGreaterThan(0);
      expect(result.signals.delivered + result.signals.toDeparted).toBe(result.signals.sent);
      expect(result.signals).toMatchObject({ lost: 0, duplicated: 0, unknown: 0, misrouted: 0 });
      expect(result.errors).toEqual([]);
      for (const p of [result.joinMs, result.relayMs]) {
        expect(p.p50).toBeGreaterThan(0);
        expect(p.p50).toBeLessThanOrEqual(p.p95);
        expect(p.p95).toBeLessThanOrEqual(p.p99);
      }
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'more people per room than the server allows ends unclean with ROOM_FULL counted',
    async () => {
      const run = await runCli(['--url', url, '--peers', '6', '--rooms', '1', '--duration', '1', '--churn', '0', '--drain', '1', '--quiet']);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/ROOM_FULL\s+2 /);
      expect(run.stdout).toContain('NOT CLEAN');
    },
    CLI_TIMEOUT_MS,
  );

  it('a usage error exits with 2 and prints the usage', async () => {
    const run = await runCli(['--peers', '3']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--url is required');
    expect(run.stderr).toContain('usage: confab-load');
  });
});
