import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * What every thread of the machine did between two readings, from
 * /proc/<pid>/task/<tid>/schedstat ("ns on a CPU, ns runnable but waiting on a run queue,
 * timeslices"): how busy the cores were, and how many threads wanted one. A join is a relay of
 * work between threads of two browsers (the member's encoder, its network thread, the newcomer's
 * decoder, the compositors); when more threads are runnable than there are cores, each of them
 * waits its turn, and the figure measures the machine as much as the app. Reading all threads
 * takes a few ms, so the bench reads before the click and after the first picture, never during.
 */

export interface ThreadTimes {
  runNs: number;
  waitNs: number;
}

export interface ThreadsReading {
  /** performance.now() when the reading began and when it ended, in ms. */
  startMs: number;
  endMs: number;
  /** Keyed "pid/tid". */
  threads: Map<string, ThreadTimes>;
}

export interface MachineWindow {
  /** From the start of the first reading to the end of the second (so it holds both). */
  windowMs: number;
  /** CPU time all threads had in the window. */
  runMs: number;
  /** Time threads were runnable but waited for a core. */
  waitMs: number;
  cores: number;
  /** runMs over what the cores could give in the window (0 … 1). */
  busyShare: number;
  /** Threads runnable (running or waiting) on average over the window; above `cores`, work queues. */
  runnable: number;
}

/** One /proc/…/schedstat line; undefined when it is not three numbers. */
export function parseSchedstat(text: string): ThreadTimes | undefined {
  const [run, wait] = text.trim().split(' ').map(Number);
  if (!Number.isFinite(run) || !Number.isFinite(wait)) return undefined;
  return { runNs: run!, waitNs: wait! };
}

/** Every thread's times now. Threads that end while being read are skipped. */
export function readThreads(procDir = '/proc'): ThreadsReading {
  const startMs = performance.now();
  const threads = new Map<string, ThreadTimes>();
  for (const pid of readdirSync(procDir)) {
    if (!/^\d+$/.test(pid)) continue;
    let tids: string[];
    try {
      tids = readdirSync(`${procDir}/${pid}/task`);
    } catch {
      continue; // the process ended
    }
    for (const tid of tids) {
      try {
        const times = parseSchedstat(readFileSync(`${procDir}/${pid}/task/${tid}/schedstat`, 'utf8'));
        if (times) threads.set(`${pid}/${tid}`, times);
      } catch {
        // the thread ended
      }
    }
  }
  if (threads.size === 0) throw new Error(`no thread's schedstat could be read under ${procDir} (a kernel without CONFIG_SCHED_INFO?)`);
  return { startMs, endMs: performance.now(), threads };
}

/**
 * The machine between two readings. A thread born in between counts from zero; one that ended
 * in between is lost (its last stretch is not counted), so the figures are lower bounds.
 */
export function machineBetween(before: ThreadsReading, after: ThreadsReading, cores = availableParallelism()): MachineWindow {
  let runNs = 0;
  let waitNs = 0;
  for (const [key, end] of after.threads) {
    const start = before.threads.get(key) ?? { runNs: 0, waitNs: 0 };
    runNs += Math.max(0, end.runNs - start.runNs);
    waitNs += Math.max(0, end.waitNs - start.waitNs);
  }
  const windowMs = after.endMs - before.startMs;
  const runMs = runNs / 1e6;
  const waitMs = waitNs / 1e6;
  return {
    windowMs,
    runMs,
    waitMs,
    cores,
    busyShare: windowMs > 0 ? runMs / (windowMs * cores) : NaN,
    runnable: windowMs > 0 ? (runMs + waitMs) / windowMs : NaN,
  };
}
