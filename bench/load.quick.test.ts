import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, num } from './report/read.js';
import { runBench, scratchDir } from './quick-run.js';

/** bench:load in a quick mode: a few seconds of confab-load against the built server; a clean verdict and sane latencies. */

const RUN_TIMEOUT_MS = 90_000;

describe('bench:load quick mode', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  beforeAll(async () => {
    scratch = await scratchDir('load');
  });
  afterAll(() => scratch.remove());

  it(
    'runs people in rooms with churn against the built server, with no signal lost or duplicated',
    async () => {
      const run = await runBench('bench/load.ts', ['--peers', '40', '--rooms', '10', '--duration', '3', '--churn', '5', '--out', scratch.file('load.json')], RUN_TIMEOUT_MS);
      expect(run.output).toContain('CLEAN: no signals were lost or duplicated');
      expect(run.exitCode, run.output).toBe(0);
      const result = await scratch.read('load.json');
      expect(at(result, 'clean')).toBe(true);
      expect(num(result, 'result', 'signals', 'sent')).toBeGreaterThan(0);
      expect(num(result, 'result', 'signals', 'lost')).toBe(0);
      expect(num(result, 'result', 'signals', 'duplicated')).toBe(0);
      for (const which of ['joinMs', 'relayMs']) {
        const p50 = num(result, 'result', which, 'p50');
        expect(p50, which).toBeGreaterThan(0);
        expect(p50!, which).toBeLessThanOrEqual(num(result, 'result', which, 'p99')!);
      }
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});
