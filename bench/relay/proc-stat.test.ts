import assert from 'node:assert/strict';
import { test } from 'vitest';
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { between, parseProcIo, parseProcStat, readProcStat, type ProcSample } from './proc-stat.js';

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
  const start: ProcSample = { cpuSeconds: 10, rssBytes: 0, runQueueWaitSeconds: 1, readCalls: 100, writeCalls: 50, atMs: 1_000 };
  const end: ProcSample = { cpuSeconds: 11.5, rssBytes: 0, runQueueWaitSeconds: 1.4, readCalls: 160, writeCalls: 80, atMs: 3_000 };
  const delta = between(start, end);
  assert.equal(delta.cpuSeconds, 1.5);
  assert.equal(delta.coreShare, 0.75);
  assert.ok(Math.abs(delta.waitShare - 0.2) < 1e-9);
  assert.equal(delta.readCalls, 60);
  assert.equal(delta.writeCalls, 30);
});

test('read and write system calls come from syscr and syscw of /proc/<pid>/io', () => {
  const io = 'rchar: 5317\nwchar: 1022\nsyscr: 1432\nsyscw: 977\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n';
  assert.deepEqual(parseProcIo(io), { readCalls: 1432, writeCalls: 977 });
  assert.deepEqual(parseProcIo('rchar: 1\n'), { readCalls: NaN, writeCalls: NaN });
});

test('a write system call of this process shows in its own sample', () => {
  const file = join(tmpdir(), `proc-stat-test-${process.pid}`);
  const fd = openSync(file, 'w');
  try {
    const before = readProcStat(process.pid);
    writeSync(fd, 'x');
    const after = readProcStat(process.pid);
    // Other threads may write too, so at least one more.
    assert.ok(after.writeCalls - before.writeCalls >= 1, `syscw went from ${before.writeCalls} to ${after.writeCalls}`);
  } finally {
    closeSync(fd);
    unlinkSync(file);
  }
});
