import { afterEach, describe, expect, it } from 'vitest';
import { startFaultyRelay, type FaultyRelay } from './faulty-relay.js';
import { CLI_TIMEOUT_MS, runCli } from './run-cli.js';

/** confab-load against a relay that drops or duplicates one signal: the run must say so and fail. */

// 4 peers in one room, no churn: 6 pairs × (1 description + 10 candidates) each way = 132 signals.
const ARGS = ['--peers', '4', '--rooms', '1', '--duration', '1.5', '--churn', '0', '--drain', '1', '--quiet'];
const FAULT_AT = 50;

describe('confab-load against a faulty relay', () => {
  let relay: FaultyRelay | undefined;
  afterEach(async () => {
    await relay?.close();
    relay = undefined;
  });

  it(
    'a dropped signal is reported as lost, with its pair, and the exit code is not 0',
    async () => {
      relay = await startFaultyRelay('drop', FAULT_AT);
      const run = await runCli(['--url', relay.url, ...ARGS]);
      expect(relay.relayed()).toBeGreaterThan(FAULT_AT);
      expect(run.stdout).toMatch(/, 1 lost, 0 duplicated/);
      expect(run.stdout).toMatch(/peer\d+ → peer\d+: \d+ sent, \d+ delivered, 1 lost, 0 duplicated/);
      expect(run.stdout).toContain('NOT CLEAN: 1 signal(s) lost');
      expect(run.exitCode).toBe(1);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'a duplicated signal is reported as duplicated and the exit code is not 0',
    async () => {
      relay = await startFaultyRelay('duplicate', FAULT_AT);
      const run = await runCli(['--url', relay.url, ...ARGS]);
      expect(run.stdout).toMatch(/, 0 lost, 1 duplicated/);
      expect(run.stdout).toContain('NOT CLEAN: 1 signal(s) duplicated');
      expect(run.exitCode).toBe(1);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'the same relay without a fault gives a clean run (the faults above are the only difference)',
    async () => {
      relay = await startFaultyRelay('drop', Number.MAX_SAFE_INTEGER);
      const run = await runCli(['--url', relay.url, ...ARGS]);
      expect(run.stdout).toContain('CLEAN: no signals were lost or duplicated');
      expect(run.exitCode).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );
});
