import { readFileSync } from 'node:fs';
import { sleep } from './wait.js';

/**
 * How busy the whole machine is, from the aggregate "cpu" line of /proc/stat. Between runs none
 * of the bench's servers or load generators exist, so what is busy then is other people's work.
 * On a shared machine the bench waits (a bounded time) for a quiet moment before each run,
 * because CPU taken by others inflates every figure it measures.
 */

/** Machine-wide busy share (0–1 over all CPUs) under which a run may start. */
export const QUIET_BUSY_SHARE = 0.25;
const SAMPLE_MS = 500;
/** The longest the bench waits for quiet before it runs anyway. */
export const MAX_QUIET_WAIT_MS = 5_000;

interface CpuTimes {
  busy: number;
  total: number;
}

function readCpuTimes(): CpuTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** Share of all CPUs busy over the next SAMPLE_MS. */
export async function machineBusyShare(): Promise<number> {
  const a = readCpuTimes();
  await sleep(SAMPLE_MS);
  const b = readCpuTimes();
  return b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0;
}

/** Waits until the machine is quiet or `maxWaitMs` passed; returns the last busy share seen. */
export async function waitForQuiet(maxWaitMs: number = MAX_QUIET_WAIT_MS): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  let busy = await machineBusyShare();
  while (busy > QUIET_BUSY_SHARE && performance.now() < deadline) busy = await machineBusyShare();
  return busy;
}
