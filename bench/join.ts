/**
 * `npm run bench:join`: time from a click on Join to the first remote video frame on screen.
 *
 * The built server and web app, Debian Chromium with a fake camera. A resident person sits in a
 * room with video. Each run, a newcomer opens the lobby at /r/<room>, waits until the lobby is
 * ready (camera preview playing, signaling connected, Join enabled), clicks Join, and the app's
 * own performance marks 'confab:join-click' → 'confab:first-remote-frame' give the figure. The
 * bench also times the same interval itself (a capture-phase click listener and
 * requestVideoFrameCallback on the remote <video>): a cross-check, and the figure if the app
 * sets no marks.
 *
 * Variants run interleaved (warm, cold, warm, cold, …) so that drift in the machine's load
 * affects both alike:
 *   warm  the lobby opens the socket and the camera before the click (the app's default)
 *   cold  `?cold=1`: socket and camera only after the click, for comparison (when the app has it)
 *
 * Usage: npm run bench:join -- [--runs N] [--warmup N] [--no-cold] [--out FILE]
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser, newPerson, type Person } from '../e2e/harness/browser.js';
import { expectFramesAdvancing } from '../e2e/harness/media.js';
import { REPO_ROOT, startServer, type RunningServer } from '../e2e/harness/server.js';
import { joinAndEnter, joinButton, openLobby, remoteTiles, uniqueRoom } from '../e2e/harness/ui.js';
import { pollUntil } from '../e2e/harness/wait.js';
import { summarize, type Summary } from './stats.js';
import { detectColdJoin, lobbyReady, watchSignaling } from './lobby.js';

const DEFAULT_RUNS = 9;
/** Unmeasured joins per variant first, so one-off costs (codec start-up, caches) stay out of the figures. */
const DEFAULT_WARMUP = 1;
const RECOMMENDED_MIN_RUNS = 7;
const DEFAULT_OUT = resolve(REPO_ROOT, 'bench/results/join.json');
/** How long one join may take before the run counts as failed. */
const JOIN_TIMEOUT_MS = 30_000;
/** How long the resident may take to notice the newcomer left, before the next run starts. */
const SETTLE_TIMEOUT_MS = 10_000;
/** A pause between runs, so the previous newcomer's teardown does not overlap the next measure. */
const PAUSE_BETWEEN_RUNS_MS = 500;

const JOIN_CLICK_MARK = 'confab:join-click';
const FIRST_REMOTE_FRAME_MARK = 'confab:first-remote-frame';

type Variant = 'warm' | 'cold';
const QUERY: Record<Variant, string> = { warm: '', cold: '?cold=1' };

interface Run {
  variant: Variant;
  run: number;
  /** The figure: the app's marks when it sets them, else the bench's own timing. */
  ms: number;
  source: 'marks' | 'bench';
  /** performance.measure('confab:join-click' → 'confab:first-remote-frame'), when the app marks. */
  marksMs: number | null;
  /** The bench's cross-check: a capture-phase click listener → the first rVFC on a remote <video>. */
  benchMs: number | null;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      warmup: { type: 'string', default: String(DEFAULT_WARMUP) },
      'no-cold': { type: 'boolean', default: false },
      out: { type: 'string', default: DEFAULT_OUT },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  if (runs < RECOMMENDED_MIN_RUNS) console.warn(`note: ${runs} runs; percentiles need at least ${RECOMMENDED_MIN_RUNS}`);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error(`--warmup must be a non-negative integer, got "${values.warmup}"`);
  return { runs, warmup, cold: !values['no-cold'], out: resolve(values.out) };
}

/**
 * Installed before the click: records the click time on the Join button and, as a fallback for
 * the app's marks, the first frame presented by any remote tile's <video>.
 */
async function installFallbackTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { click: -1, frame: -1 };
    (window as unknown as { __confabBench: typeof state }).__confabBench = state;
    window.addEventListener(
      'click',
      (event) => {
        const target = event.target instanceof Element ? event.target.closest('button') : null;
        if (state.click < 0 && target?.textContent?.trim() === 'Join') state.click = performance.now();
      },
      { capture: true },
    );
    const watched = new WeakSet<HTMLVideoElement>();
    const watch = () => {
      for (const video of document.querySelectorAll<HTMLVideoElement>('[data-testid="tile"][data-self="false"] video')) {
        if (watched.has(video)) continue;
        watched.add(video);
        video.requestVideoFrameCallback((now) => {
          if (state.frame < 0 && state.click >= 0) state.frame = now;
        });
      }
      if (state.frame < 0) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
}

/** Both timings of one join, once the first remote frame is on screen (undefined before). */
async function readJoinTimes(page: Page): Promise<{ marksMs: number | null; benchMs: number | null } | undefined> {
  return page.evaluate(
    ({ clickMark, frameMark }) => {
      const click = performance.getEntriesByName(clickMark, 'mark');
      const frame = performance.getEntriesByName(frameMark, 'mark');
      const marksMs = click.length > 0 && frame.length > 0 ? performance.measure('confab:join', clickMark, frameMark).duration : null;
      const state = (window as unknown as { __confabBench?: { click: number; frame: number } }).__confabBench;
      const benchMs = state && state.click >= 0 && state.frame >= 0 ? state.frame - state.click : null;
      // Wait for the app's marks when it set the click mark; else the bench's own timing decides.
      if (click.length > 0 ? marksMs === null : benchMs === null) return undefined;
      return { marksMs, benchMs };
    },
    { clickMark: JOIN_CLICK_MARK, frameMark: FIRST_REMOTE_FRAME_MARK },
  );
}

async function measureOnce(browser: Browser, server: RunningServer, room: string, resident: Person, variant: Variant, run: number): Promise<Run> {
  const newcomer = await newPerson(browser, `newcomer-${variant}-${run}`);
  try {
    const signaling = watchSignaling(newcomer.page);
    await openLobby(newcomer.page, server.url, room, newcomer.name, QUERY[variant]);
    await lobbyReady(newcomer.page, variant === 'warm' ? { preview: true, signaling } : { preview: false });
    await installFallbackTimer(newcomer.page);

    await joinButton(newcomer.page).click();
    const times = await pollUntil(() => readJoinTimes(newcomer.page), {
      timeoutMs: JOIN_TIMEOUT_MS,
      what: `${newcomer.name}'s first remote frame`,
    });
    // The figure counts only if video really flows afterwards.
    await expectFramesAdvancing(newcomer.page, 'resident');
    const source = times.marksMs !== null ? 'marks' : 'bench';
    const marksMs = times.marksMs === null ? null : round(times.marksMs);
    const benchMs = times.benchMs === null ? null : round(times.benchMs);
    return { variant, run, ms: (marksMs ?? benchMs)!, source, marksMs, benchMs };
  } catch (error) {
    console.error(newcomer.consoleLines().slice(-20).join('\n'));
    throw error;
  } finally {
    await newcomer.close();
    await remoteTiles(resident.page).first().waitFor({ state: 'detached', timeout: SETTLE_TIMEOUT_MS });
    await new Promise((r) => setTimeout(r, PAUSE_BETWEEN_RUNS_MS));
  }
}

/** Tenths of a millisecond: more digits than the clock's resolution would be noise. */
const round = (ms: number): number => Math.round(ms * 10) / 10;

const roundSummary = ({ n, median, p90, min, max, mean }: Summary): Summary => ({
  n,
  median: round(median),
  p90: round(p90),
  min: round(min),
  max: round(max),
  mean: round(mean),
});

function printSummary(variant: Variant, summary: Summary): void {
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(
    `${variant.padEnd(4)}  n=${summary.n}  median ${f(summary.median)}  p90 ${f(summary.p90)}  ` +
      `min ${f(summary.min)}  max ${f(summary.max)}  mean ${f(summary.mean)}`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions();
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const room = uniqueRoom('bench');
    const resident = await newPerson(browser, 'resident');
    await joinAndEnter(resident.page, server.url, room, 'resident');

    const coldSupported = options.cold && (await detectColdJoin(browser, server.url, room));
    if (options.cold && !coldSupported) console.log('cold variant: the app does not support ?cold=1; skipped');
    const variants: Variant[] = coldSupported ? ['warm', 'cold'] : ['warm'];

    console.log(`join → first remote frame, ${options.runs} runs per variant (${variants.join(', ')}), Chromium ${browser.version()}`);
    const runs: Run[] = [];
    for (let run = 1 - options.warmup; run <= options.runs; run++) {
      for (const variant of variants) {
        const result = await measureOnce(browser, server, room, resident, variant, run);
        const label = run < 1 ? 'warm-up' : `run ${String(run).padStart(2)}`;
        const check = result.benchMs === null ? '' : `  (bench's own timing ${result.benchMs.toFixed(0)} ms)`;
        console.log(`${variant.padEnd(4)}  ${label.padEnd(7)}  ${result.ms.toFixed(0).padStart(6)} ms  ${result.source}${check}`);
        if (run >= 1) runs.push(result);
      }
    }

    const summaries = Object.fromEntries(
      variants.map((variant) => [variant, roundSummary(summarize(runs.filter((r) => r.variant === variant).map((r) => r.ms)))]),
    ) as Partial<Record<Variant, Summary>>;
    console.log('');
    for (const variant of variants) printSummary(variant, summaries[variant]!);

    const report = {
      benchmark: 'join-click-to-first-remote-frame',
      date: new Date().toISOString(),
      runsPerVariant: options.runs,
      warmupPerVariant: options.warmup,
      figure: 'ms from the Join click to the first remote video frame presented (requestVideoFrameCallback)',
      coldVariant: coldSupported ? 'measured' : options.cold ? 'unsupported by the app' : 'not requested',
      summaries,
      runs,
      environment: {
        node: process.version,
        chromium: browser.version(),
        chromiumPath: CHROMIUM_PATH,
        cpus: availableParallelism(),
        loadavg: loadavg(),
        platform: process.platform,
      },
    };
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${options.out}`);
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
