import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * What the kernel says about one process, from /proc/<pid>/stat: CPU time (user + system, all
 * threads) and resident memory. Read from outside the process, so the figure holds whatever the
 * process is doing, and whether or not the load generator keeps up. Also, from
 * /proc/<pid>/schedstat, how long its main thread sat runnable but waiting for a CPU: the
 * measure of how much other work on a shared machine got in the way. And, from /proc/<pid>/io,
 * how many read-type and write-type system calls it made (read/readv/recvmsg…, write/writev/
 * sendmsg…; epoll and the rest are not counted): what batching saves.
 */

export interface ProcSample {
  /** utime + stime, in seconds. Resolution is one clock tick (getconf CLK_TCK, usually 10 ms). */
  cpuSeconds: number;
  /** Resident set size, in bytes. */
  rssBytes: number;
  /** Time the main (event-loop) thread spent runnable but not running, in seconds; NaN if unknown. */
  runQueueWaitSeconds: number;
  /** Read-type and write-type system calls so far (syscr, syscw); NaN if /proc/<pid>/io is not readable. */
  readCalls: number;
  writeCalls: number;
  /** performance.now() when read, in ms. */
  atMs: number;
}

/** Field numbers from proc(5), counted from 1: field 2 (comm) is the one in parentheses. */
const FIELD_UTIME = 14;
const FIELD_STIME = 15;
const FIELD_RSS_PAGES = 24;
/** The first field after comm is field 3 (state). */
const FIRST_FIELD_AFTER_COMM = 3;

function getconf(name: string): number {
  const raw = execFileSync('getconf', [name], { encoding: 'utf8' }).trim();
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`getconf ${name} printed "${raw}"`);
  return value;
}

let clockTicks: number | undefined;
let pageSize: number | undefined;

/** Clock ticks per second (getconf CLK_TCK): the unit of utime and stime. */
export function clockTicksPerSecond(): number {
  return (clockTicks ??= getconf('CLK_TCK'));
}

export function pageSizeBytes(): number {
  return (pageSize ??= getconf('PAGESIZE'));
}

function field(fields: readonly string[], n: number): number {
  const value = Number(fields[n - FIRST_FIELD_AFTER_COMM]);
  if (!Number.isFinite(value)) throw new Error(`/proc/<pid>/stat: field ${n} is not a number`);
  return value;
}

/** /proc/<pid>/schedstat: "ns on CPU, ns waiting on a run queue, timeslices" (needs schedstats). */
function runQueueWaitSeconds(pid: number): number {
  try {
    const waitNs = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    return Number.isFinite(waitNs) ? waitNs / 1e9 : NaN;
  } catch {
    return NaN;
  }
}

/** syscr and syscw from the text of /proc/<pid>/io; NaN for a missing field. */
export function parseProcIo(text: string): { readCalls: number; writeCalls: number } {
  const count = (name: string) => {
    const match = new RegExp(`^${name}: (\\d+)$`, 'm').exec(text);
    return match ? Number(match[1]) : NaN;
  };
  return { readCalls: count('syscr'), writeCalls: count('syscw') };
}

function readProcIo(pid: number): { readCalls: number; writeCalls: number } {
  try {
    return parseProcIo(readFileSync(`/proc/${pid}/io`, 'utf8'));
  } catch {
    return { readCalls: NaN, writeCalls: NaN };
  }
}

/** utime + stime (ticks) and RSS (pages) from the text of /proc/<pid>/stat. */
export function parseProcStat(text: string): { ticks: number; rssPages: number } {
  // comm may hold spaces and parentheses; everything after the last ')' is space-separated.
  const fields = text.slice(text.lastIndexOf(')') + 2).trim().split(' ');
  return {
    ticks: field(fields, FIELD_UTIME) + field(fields, FIELD_STIME),
    rssPages: field(fields, FIELD_RSS_PAGES),
  };
}

export function readProcStat(pid: number): ProcSample {
  const { ticks, rssPages } = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return {
    cpuSeconds: ticks / clockTicksPerSecond(),
    rssBytes: rssPages * pageSizeBytes(),
    runQueueWaitSeconds: runQueueWaitSeconds(pid),
    ...readProcIo(pid),
    atMs: performance.now(),
  };
}

export interface ProcDelta {
  cpuSeconds: number;
  /** CPU seconds per wall second: 1 is one core kept busy. */
  coreShare: number;
  /** Share of the wall time the main thread waited for a CPU while runnable. */
  waitShare: number;
  readCalls: number;
  writeCalls: number;
}

/** What a process did between two samples. */
export function between(start: ProcSample, end: ProcSample): ProcDelta {
  const cpuSeconds = end.cpuSeconds - start.cpuSeconds;
  const wallSeconds = (end.atMs - start.atMs) / 1000;
  const per = (x: number) => (wallSeconds > 0 ? x / wallSeconds : NaN);
  return {
    cpuSeconds,
    coreShare: per(cpuSeconds),
    waitShare: per(end.runQueueWaitSeconds - start.runQueueWaitSeconds),
    readCalls: end.readCalls - start.readCalls,
    writeCalls: end.writeCalls - start.writeCalls,
  };
}
