import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/harness/browser.js';
import { REPO_ROOT, startServer, type RunningServer } from '../e2e/harness/server.js';
import { openBenchRoom, type BenchRoom, type JoinSample, type Variant } from './join-scenario.js';
import { stageMedians, STAGES, type Stage } from './join-stages.js';
import { detectColdJoin } from './lobby.js';
import { percent } from './report/markdown.js';
import { percentile, median } from './stats.js';

/**
 * The join benchmark, callable from the CLI (bench/join.ts) and the quick test: for each room
 * size, a room of residents and newcomers joining it, warm and cold lobbies interleaved (warm,
 * cold, warm, cold, …) so that drift in the machine's load affects both alike. With `against`,
 * a second server serves another web build (the code before a change) with its own residents,
 * interleaved too, so a before/after comparison shares the same moments of load.
 */

export interface JoinBenchOptions {
  runs: number;
  /** Unmeasured joins per variant first, so one-off costs (codec start-up, caches) stay out. */
  warmup: number;
  /** Room sizes, newcomer included: 2 is one resident, 4 is three. */
  people: readonly number[];
  cold: boolean;
  /** Another web build to compare with (STATIC_DIR of a second server), or undefined. */
  against?: string;
  /** Also time the media path from getStats, polled every few ms (costs CPU: for diagnosis). */
  stats?: boolean;
  /** Also time the other direction: each member's first picture of the newcomer (costs the members' pages CPU). */
  members?: boolean;
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
}

export interface JoinScenario {
  people: number;
  variant: Variant;
  runs: number;
  /** Joins that did not show every remote video within the timeout (not in the figures). */
  failures: number;
  medianMs: number;
  p90Ms: number;
  samplesMs: number[];
  /** Each step's median, in ms after the click (see bench/join-stages.ts). */
  stagesMedianMs: Partial<Record<Stage, number>>;
  /** The app's own marks (click → first remote frame, the first remote video), median. */
  appMarksMedianMs: number | null;
  /** Load average (1 min) when the scenario's last run ended. */
  loadavg1: number;
  /**
   * The machine during the joins (from before each click to its first frames), medians: the share
   * of the cores' time used, and how many threads were runnable on average (bench/machine-threads.ts).
   */
  machine: { busyShare: number; runnable: number; cores: number };
}

export interface JoinReport {
  name: 'join';
  measuredAt: string;
  machine: { node: string; cpus: number; loadavg: number[]; commit: string; chromium: string };
  scenarios: JoinScenario[];
  /** With `against`: the same scenarios with the other build. */
  baseline?: { staticDir: string; scenarios: JoinScenario[] };
}

type Build = 'current' | 'baseline';

/** Tenths of a millisecond: more digits than the clock's resolution would be noise. */
const round = (ms: number): number => Math.round(ms * 10) / 10;

export async function runJoinBench(options: JoinBenchOptions): Promise<JoinReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const servers: Partial<Record<Build, RunningServer>> = {};
  let browser: Browser | undefined;
  try {
    servers.current = await startServer();
    if (options.against) servers.baseline = await startServer({ STATIC_DIR: options.against });
    browser = await launchBrowser();
    const builds = Object.keys(servers) as Build[];

    const results: Record<Build, JoinScenario[]> = { current: [], baseline: [] };
    for (const people of options.people) {
      const rooms = new Map<Build, BenchRoom>();
      try {
        for (const build of builds) rooms.set(build, await openBenchRoom(browser, servers[build]!, people, { pollStats: options.stats ?? false, members: options.members ?? false }));
        let variants: Variant[] = ['warm'];
        if (options.cold) {
          const supported = await detectColdJoin(browser, servers.current.url, `cold-probe-${people}`);
          if (supported) variants = ['warm', 'cold'];
          else log('cold variant: the app does not support ?cold=1; skipped');
        }
        log(`\n${people} people: join → first frame of all ${people - 1} remote videos, ${options.runs} runs (${variants.join(', ')})`);
        const samples = new Map<string, JoinSample[]>();
        const failures = new Map<string, number>();
        for (let run = 1 - options.warmup; run <= options.runs; run++) {
          for (const variant of variants) {
            for (const build of builds) {
              const label = run < 1 ? `warmup${1 - run}` : `run${run}`;
              const tag = `${people}p ${variant.padEnd(4)}${builds.length > 1 ? ` ${build.padEnd(8)}` : ''}`;
              const key = `${build}/${variant}`;
              let sample: JoinSample;
              try {
                sample = await rooms.get(build)!.measure(variant, label);
              } catch (error) {
                if (!browser.isConnected()) throw error;
                // A join that never showed everyone's video is a failure to report, not a reason to stop.
                log(`${tag}  ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
                if (run >= 1) failures.set(key, (failures.get(key) ?? 0) + 1);
                continue;
              }
              const marks = sample.appMarksMs === null ? '' : `  (app marks ${sample.appMarksMs.toFixed(0)} ms)`;
              const machine = `cores ${percent(sample.machine.busyShare)} busy, ${sample.machine.runnable.toFixed(1)} threads runnable`;
              log(`${tag}  ${(run < 1 ? 'warm-up' : `run ${String(run).padStart(2)}`).padEnd(7)}  ${sample.ms.toFixed(0).padStart(5)} ms${marks}  ${machine}  load ${loadavg()[0]!.toFixed(2)}`);
              if (run < 1) continue;
              samples.set(key, [...(samples.get(key) ?? []), sample]);
            }
          }
        }
        for (const build of builds) {
          for (const variant of variants) {
            const measured = samples.get(`${build}/${variant}`) ?? [];
            const failed = failures.get(`${build}/${variant}`) ?? 0;
            if (measured.length === 0) {
              log(`${people} people, ${variant} (${build}): no join succeeded (${failed} failed)`);
              continue;
            }
            const scenario = summarizeScenario(people, variant, measured, failed);
            results[build].push(scenario);
            log(formatScenario(scenario, builds.length > 1 ? build : undefined));
          }
        }
      } finally {
        for (const room of rooms.values()) await room.close();
      }
    }

    return {
      name: 'join',
      measuredAt: new Date().toISOString(),
      machine: { node: process.version, cpus: availableParallelism(), loadavg: loadavg().map(round), commit: commit(), chromium: browser.version() },
      scenarios: results.current,
      ...(options.against ? { baseline: { staticDir: options.against, scenarios: results.baseline } } : {}),
    };
  } finally {
    await browser?.close();
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}

function summarizeScenario(people: number, variant: Variant, samples: readonly JoinSample[], failures: number): JoinScenario {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const marks = samples.map((s) => s.appMarksMs).filter((m): m is number => m !== null).sort((a, b) => a - b);
  const stages = stageMedians(samples.map((s) => s.stages));
  return {
    people,
    variant,
    runs: samples.length,
    failures,
    medianMs: round(median(sorted)),
    p90Ms: round(percentile(sorted, 90)),
    samplesMs: samples.map((s) => round(s.ms)),
    stagesMedianMs: Object.fromEntries(Object.entries(stages).map(([stage, ms]) => [stage, round(ms)])),
    appMarksMedianMs: marks.length > 0 ? round(median(marks)) : null,
    loadavg1: round(loadavg()[0]!),
    machine: {
      busyShare: Math.round(median(samples.map((s) => s.machine.busyShare).sort((a, b) => a - b)) * 1000) / 1000,
      runnable: round(median(samples.map((s) => s.machine.runnable).sort((a, b) => a - b))),
      cores: samples[0]!.machine.cores,
    },
  };
}

/** A scenario as text: the figure, then each step's median and its share of the gap before it. */
export function formatScenario(scenario: JoinScenario, build?: string): string {
  const head =
    `${scenario.people} people, ${scenario.variant}${build ? ` (${build})` : ''}: median ${scenario.medianMs.toFixed(0)} ms, ` +
    `p90 ${scenario.p90Ms.toFixed(0)} ms, n=${scenario.runs}${scenario.failures > 0 ? ` (${scenario.failures} failed)` : ''}, load ${scenario.loadavg1.toFixed(2)}; ` +
    `during the joins ${percent(scenario.machine.busyShare)} of ${scenario.machine.cores} cores busy, ${scenario.machine.runnable.toFixed(1)} threads runnable (medians)`;
  const lines = [head];
  let previous = 0;
  for (const stage of STAGES) {
    const at = scenario.stagesMedianMs[stage];
    if (at === undefined) continue;
    const gap = at - previous;
    lines.push(`  ${stage.padEnd(28)} ${at.toFixed(1).padStart(7)} ms  ${gap >= 0 ? '+' : ''}${gap.toFixed(1)}`);
    previous = at;
  }
  return lines.join('\n');
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
