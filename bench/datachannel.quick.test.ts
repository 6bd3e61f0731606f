import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { num } from './report/read.js';
import { runBench, scratchDir } from './quick-run.js';

/**
 * bench:datachannel in a quick mode: one 8 MiB transfer of each kind between two real Chromium
 * pages (after one warm-up of each); both throughputs produced and sane.
 */

const RUN_TIMEOUT_MS = 110_000;

describe('bench:datachannel quick mode', () => {
  let scratch: Awaited<ReturnType<typeof scratchDir>>;
  beforeAll(async () => {
    scratch = await scratchDir('datachannel');
  });
  afterAll(() => scratch.remove());

  it(
    'sends a file through the SDK and the same bytes over a raw channel, and times both',
    async () => {
      const run = await runBench('bench/datachannel.ts', ['--size-mb', '8', '--runs', '1', '--out', scratch.file('datachannel.json')], RUN_TIMEOUT_MS);
      expect(run.exitCode, run.output).toBe(0);
      const result = await scratch.read('datachannel.json');
      for (const kind of ['sdk', 'raw']) {
        expect(num(result, 'summaries', kind, 'n'), kind).toBe(1);
        const mibs = num(result, 'summaries', kind, 'median');
        // Loopback SCTP in Chromium: well above 1 MiB/s, well below 10 GiB/s.
        expect(mibs, kind).toBeGreaterThan(1);
        expect(mibs, kind).toBeLessThan(10_000);
      }
      expect(num(result, 'ratio')).toBeGreaterThan(0);
    },
    RUN_TIMEOUT_MS + 5_000,
  );
});
