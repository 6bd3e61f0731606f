import assert from 'node:assert/strict';
import { test } from 'vitest';
import { between, parseProcStat, type ProcSample } from './proc-stat.js';

// A real line from /proc/<pid>/stat, with a comm that holds a space and a parenthesis.
const STAT =
  '4242 (node (bench) x) S 1 4242 4242 0 -1 4194560 2893 0 0 0 150 37 0 0 20 0 11 0 12345 1100000000 20480 ' +
  '18446744073709551615 1 1 0 0 0 0 0 4096 134234626 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0';

test('utime + stime and RSS pages are read after the last parenthesis of comm', () => {
  assert.deepEqual(parseProcStat(STAT), { ticks: 150 + 37, rssPages: 20480 });
});

test('a line without the fields is refused, not read as zero', () => {
  assert.throws(() => parseProcStat('4242 (node) S 1 2 3'), /field 14 is not a number/);
});

test('between gives CPU seconds, the share of one core, and the share spent waiting for a CPU', () => {
  const start: ProcSample = { cpuSeconds: 10, rssBytes: 0, runQueueWaitSeconds: 1, atMs: 1_000 };
  const end: ProcSample = { cpuSeconds: 11.5, rssBytes: 0, runQueueWaitSeconds: 1.4, atMs: 3_000 };
  const delta = between(start, end);
  assert.equal(delta.cpuSeconds, 1.5);
  assert.equal(delta.coreShare, 0.75);
  assert.ok(Math.abs(delta.waitShare - 0.2) < 1e-9);
});
