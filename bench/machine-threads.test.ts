import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { machineBetween, parseSchedstat, readThreads, type ThreadsReading } from './machine-threads.js';

const reading = (startMs: number, endMs: number, threads: Record<string, [number, number]>): ThreadsReading => ({
  startMs,
  endMs,
  threads: new Map(Object.entries(threads).map(([key, [runNs, waitNs]]) => [key, { runNs, waitNs }])),
});

const ms = (x: number) => x * 1e6;

test('a schedstat line gives the time on a CPU and the time waiting for one', () => {
  expect(parseSchedstat('2412864 7745 2\n')).toEqual({ runNs: 2412864, waitNs: 7745 });
  expect(parseSchedstat('')).toBeUndefined();
  expect(parseSchedstat('x y z')).toBeUndefined();
});

test('the window holds both readings; a thread born in it counts from zero, one that ended is not counted', () => {
  const before = reading(1_000, 1_010, { '1/1': [ms(500), ms(100)], '2/2': [ms(50), ms(5)], '3/3': [ms(9), ms(9)] });
  const after = reading(1_490, 1_500, {
    '1/1': [ms(800), ms(400)], // ran 300, waited 300
    '2/2': [ms(150), ms(105)], // ran 100, waited 100
    '4/4': [ms(100), ms(200)], // born meanwhile: ran 100, waited 200
  });
  const window = machineBetween(before, after, 2);
  expect(window.windowMs).toBe(500);
  expect(window.runMs).toBeCloseTo(500);
  expect(window.waitMs).toBeCloseTo(600);
  expect(window.busyShare).toBeCloseTo(0.5); // 500 ms of CPU out of 2 cores × 500 ms
  expect(window.runnable).toBeCloseTo(2.2); // (500 + 600) ms of runnable threads over 500 ms
});

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

test('every thread of every process is read; entries that are not processes, or vanish, are skipped', async () => {
  const proc = await mkdtemp(join(tmpdir(), 'confab-proc-'));
  dirs.push(proc);
  const thread = async (pid: string, tid: string, text: string) => {
    await mkdir(join(proc, pid, 'task', tid), { recursive: true });
    await writeFile(join(proc, pid, 'task', tid, 'schedstat'), text);
  };
  await thread('10', '10', '100 20 3\n');
  await thread('10', '11', '5 6 1\n');
  await thread('12', '12', 'garbage\n');
  await mkdir(join(proc, '13')); // ended between readdir and reading its tasks
  await mkdir(join(proc, 'self'));
  const { threads, startMs, endMs } = readThreads(proc);
  expect([...threads]).toEqual([
    ['10/10', { runNs: 100, waitNs: 20 }],
    ['10/11', { runNs: 5, waitNs: 6 }],
  ]);
  expect(endMs).toBeGreaterThanOrEqual(startMs);
});

test('on this machine the kernel gives every thread its times', () => {
  const now = readThreads();
  expect(now.threads.size).toBeGreaterThan(1);
  expect(now.threads.get(`${process.pid}/${process.pid}`)?.runNs).toBeGreaterThan(0);
});
