/**
 * `npm run bench:join`: time from a click on Join until the first frame of every other person's
 * video is on screen, and where that time goes.
 *
 * The built server and web app, Debian Chromium with a fake camera, all on loopback. For each
 * room size (2 people: one resident; 4 people: three residents, in a mesh), newcomers open the
 * lobby at /r/<room>, wait until it is ready (camera preview playing, signaling connected, Join
 * enabled), click Join, and the figure runs to the first frame presented
 * (requestVideoFrameCallback) of the last remote video. An init script (bench/join-probe.ts)
 * timestamps every step on the way (join sent, joined, offer, answer, ICE, DTLS, track, first
 * frame received, decoded, presented) on the newcomer's and the residents' pages; the medians of
 * each step are printed and saved. The app's own marks 'confab:join-click' →
 * 'confab:first-remote-frame' are kept as a cross-check.
 *
 * Variants run interleaved (warm, cold, warm, cold, …):
 *   warm  the lobby opens the socket and the camera before the click (the app's default)
 *   cold  `?cold=1`: socket and camera only after the click
 *
 * Usage: npm run bench:join -- [--runs N] [--warmup N] [--people 2,4] [--no-cold]
 *                              [--against DIR] [--stats] [--members] [--out FILE] [--no-report]
 *   --out FILE     default bench/results/join.json, which also rewrites docs/benchmarks.md
 *   --against DIR  also measure another web build (e.g. one made before a change), interleaved
 *   --stats        also time the media path (first RTP, first frame encoded, key frame requests)
 *                  from getStats polled every 10 ms: for diagnosis, it costs CPU
 *   --members      also time the other direction, each member's first picture of the newcomer
 *                  (`resident:frame-presented`); the members' pages then check their frames for a
 *                  picture, which costs them CPU during the join
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../e2e/harness/server.js';
import { runJoinBench } from './join-bench.js';
import { updateReportFor } from './report/index.js';

const DEFAULT_RUNS = 9;
const DEFAULT_WARMUP = 1;
const DEFAULT_PEOPLE = '2,4';
const RECOMMENDED_MIN_RUNS = 7;
const DEFAULT_OUT = resolve(REPO_ROOT, 'bench/results/join.json');

function parseOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      warmup: { type: 'string', default: String(DEFAULT_WARMUP) },
      people: { type: 'string', default: DEFAULT_PEOPLE },
      'no-cold': { type: 'boolean', default: false },
      against: { type: 'string' },
      out: { type: 'string', default: DEFAULT_OUT },
      'no-report': { type: 'boolean', default: false },
      stats: { type: 'boolean', default: false },
      members: { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  if (runs < RECOMMENDED_MIN_RUNS) console.warn(`note: ${runs} runs; medians and percentiles want at least ${RECOMMENDED_MIN_RUNS}`);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be a non-negative integer, got "${values.warmup}"`);
  const people = values.people.split(',').map(Number);
  if (people.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--people must list room sizes of 2 or more, got "${values.people}"`);
  return {
    runs,
    warmup,
    people,
    cold: !values['no-cold'],
    ...(values.against ? { against: resolve(values.against) } : {}),
    out: resolve(values.out),
    report: !values['no-report'],
    stats: values.stats,
    members: values.members,
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const report = await runJoinBench(options);
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${options.out}`);
  // docs/benchmarks.md, when the results went to bench/results/.
  if (options.report) await updateReportFor(options.out);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
