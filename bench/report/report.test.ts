import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateBenchmarksReport } from './index.js';

/** The report generator, from hand-made results in a scratch directory to a scratch docs/. */

const MACHINE = { node: 'v20.20.2', cpus: 2, cpuModel: 'Test CPU', memoryGiB: 4, loadavg: [0.5, 0.4, 0.3], platform: 'linux x64', commit: 'abc1234', dirty: false };

const relay = {
  benchmark: 'relay',
  date: '2026-12-04T12:00:00.000Z',
  options: { preset: 'quick', pairs: 50, inflight: 8, rounds: 3, durationMs: 5000, connections: [1000, 10000] },
  environment: { git: { commit: 'def5678', uncommittedServerFiles: [] }, node: 'v20.20.2', cpus: 2, loadavgAtStart: [1, 1, 1] },
  summaries: [
    { server: 'confab', label: 'Confab', relay: { messagesPerSecond: 40000, cpuMicrosPerMessage: 10, rttP50Ms: 5, rttP99Ms: 9, probeP50Ms: 0.2, probeP99Ms: 0.5, failures: 0 }, idle: { levels: [{ connections: 1000, bytesPerConnection: 9000 }, { connections: 10000, bytesPerConnection: 8192 }] } },
    { server: 'peerjs', label: 'PeerJS', relay: { messagesPerSecond: 20000, cpuMicrosPerMessage: 20, rttP50Ms: 8, rttP99Ms: 15, failures: 0 }, idle: { levels: [{ connections: 10000, bytesPerConnection: 16384 }] } },
    { server: 'socketio', label: 'socket.io', relay: { messagesPerSecond: 10000, cpuMicrosPerMessage: 40, failures: 0 } },
  ],
  goals: [{ goal: 'CPU per relayed message ≤ 0.75× peerjs', ratio: 0.5, met: true }],
};

describe('updateBenchmarksReport', () => {
  let results: string;
  let docs: string;
  beforeEach(async () => {
    results = await mkdtemp(join(tmpdir(), 'confab-report-results-'));
    docs = await mkdtemp(join(tmpdir(), 'confab-report-docs-'));
  });
  afterEach(async () => {
    await rm(results, { recursive: true, force: true });
    await rm(docs, { recursive: true, force: true });
  });

  const write = (name: string, value: unknown) => writeFile(join(results, `${name}.json`), JSON.stringify(value));
  const page = () => readFile(join(docs, 'benchmarks.md'), 'utf8');

  it('renders the relay figures with ratios against the peers of the same run, and its chart', async () => {
    await write('relay', relay);
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    const md = await page();
    expect(md).toContain('| Confab | 40,000 | 10.0 | 5.00 | 9.00 | 0.20 | 0.50 | 8.0 KiB | 0 |');
    expect(md).toContain('| PeerJS | 0.50× | 2.00× | 0.50× |');
    expect(md).toContain('| socket.io | 0.25× | 4.00× | – |');
    expect(md).toContain('commit def5678');
    expect(md).toContain('**met**');
    const svg = await readFile(join(docs, 'benchmarks', 'relay-cpu.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('10.0 µs');
    expect(svg).toContain('16.0 KiB');
    expect(svg).toContain('not measured'); // socket.io's RSS
  });

  it('shows the relay RSS per connection with its min–max when it is the median of several idle runs', async () => {
    const confab = {
      ...relay.summaries[0],
      idle: { runs: 5, levels: [{ connections: 10000, runs: 5, bytesPerConnection: 8192, bytesPerConnectionMin: 7680, bytesPerConnectionMax: 9216 }] },
    };
    await write('relay', { ...relay, options: { ...relay.options, connections: [10000], idleRuns: 5 }, summaries: [confab, relay.summaries[1]] });
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    const md = await page();
    expect(md).toContain('| 8.0 KiB (7.5–9.0) | 0 |');
    expect(md).toContain('idle connections: 10000 (RSS/conn: median of 5 runs, each a fresh server process; min–max in brackets)');
    expect(md).toContain('| PeerJS | 0.50× | 2.00× | 0.50× |');
  });

  it('reads the join results tolerantly: p90 from the samples when absent, stages when present', async () => {
    await write('join', {
      name: 'join',
      measuredAt: '2026-12-04T12:30:00.000Z',
      machine: MACHINE,
      scenarios: [
        { people: 2, runs: 4, medianMs: 800, samplesMs: [700, 800, 800, 1200], stagesMedianMs: { signaling: 40 } },
        { people: 4, runs: 2, medianMs: 1200, p90Ms: 1500, samplesMs: [1000, 1500], extra: 'ignored' },
      ],
    });
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    const md = await page();
    expect(md).toContain('| 2 people | 4 | – | 800.0 | 1200.0 | 700.0 | 1200.0 |');
    expect(md).toContain('| 4 people | 2 | – | 1200.0 | 1500.0 | 1000.0 | 1500.0 |');
    expect(md).toContain('| signaling | 40.0 | – |');
    expect(md).toContain('1.50× the median time of a room of 2');
    expect(md).toContain('Measured 2026-12-04 12:30 UTC on Node v20.20.2, 2 CPUs (Test CPU), 4 GiB, load average 0.50 0.40 0.30, commit abc1234.');
  });

  it('labels join variants and compares each with the baseline of the same run when there is one', async () => {
    await write('join', {
      measuredAt: '2026-12-04T12:30:00.000Z',
      scenarios: [
        { people: 2, variant: 'warm', runs: 3, failures: 0, medianMs: 900, samplesMs: [800, 900, 1000] },
        { people: 2, variant: 'cold', runs: 3, failures: 1, medianMs: 1500, samplesMs: [1400, 1500] },
      ],
      baseline: { staticDir: '/tmp/before', scenarios: [{ people: 2, variant: 'warm', medianMs: 1200 }] },
    });
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    const md = await page();
    expect(md).toContain('| 2 people, warm | 3 | 0 | 900.0 | 1000.0 | 800.0 | 1000.0 | 0.75× |');
    expect(md).toContain('| 2 people, cold | 3 | 1 | 1500.0 | 1500.0 | 1400.0 | 1500.0 | – |');
    expect(md).toContain('The baseline (/tmp/before) was measured in the same run.');
  });

  it('shows how busy the machine was during the joins when the results say', async () => {
    await write('join', {
      measuredAt: '2026-12-04T12:30:00.000Z',
      scenarios: [
        { people: 2, variant: 'warm', runs: 3, medianMs: 200, samplesMs: [150, 200, 250], machine: { busyShare: 0.874, runnable: 6.6, cores: 2 } },
        { people: 2, variant: 'cold', runs: 3, medianMs: 800, samplesMs: [700, 800, 900] },
      ],
    });
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    const md = await page();
    expect(md).toContain('| people in the room | runs | failures | median ms | p90 ms | min ms | max ms | cores busy | threads runnable |');
    expect(md).toContain('| 2 people, warm | 3 | – | 200.0 | 250.0 | 150.0 | 250.0 | 87% | 6.6 |');
    expect(md).toContain('| 2 people, cold | 3 | – | 800.0 | 900.0 | 700.0 | 900.0 | – | – |');
    expect(md).toContain('More threads runnable than cores means every step of the join waited its turn.');
  });

  it('names the command for a bench not run yet, and survives a result of an unexpected shape', async () => {
    await write('cluster', { latency: 'not a list', throughput: [{ label: 'x' }] });
    await mkdir(join(results, 'sub'));
    await writeFile(join(results, 'broken.json'), '{ not json');
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    const md = await page();
    expect(md).toContain('*Not measured yet: run `npm run bench:datachannel`.*');
    expect(md).toContain('| x | – |');
    expect(md).toContain('`broken.json`');
  });

  it('keeps the figures of a section whose results are not here (a fresh clone) instead of wiping them', async () => {
    await write('relay', relay);
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    const measured = await page();
    await rm(join(results, 'relay.json'));
    await updateBenchmarksReport({ resultsDir: results, docsDir: docs });
    expect(await page()).toBe(measured);
    expect(measured).toContain('| Confab | 40,000 |');
    expect(measured).toContain('*Not measured yet: run `npm run bench:datachannel`.*');
  });
});
