import { expect, test } from 'vitest';
import type { StageLog } from './join-probe.js';
import { stageMedians, stageProblem, stageTimes } from './join-stages.js';

const log = (timeOrigin: number, events: [string, string, number][]): StageLog => ({
  timeOrigin,
  events: events.map(([stage, key, at]) => ({ stage, key, at })),
});

test('steps are timed from the click, residents’ steps moved onto the newcomer’s time line', () => {
  const newcomer = log(1_000, [
    ['click', 'page', 100],
    ['joined', 'page', 110],
    ['offer-sent', 'ann', 130],
  ]);
  // The resident's page started 500 ms earlier: its 640 is the newcomer's 140.
  const resident = log(500, [['offer-received', 'bob', 640]]);
  expect(stageTimes(newcomer, [resident], 1)).toEqual({ joined: 10, 'offer-sent': 30, 'resident:offer-received': 40 });
});

test('with several residents a step counts when it happened with the last of them', () => {
  const newcomer = log(0, [
    ['click', 'page', 0],
    ['frame-presented', 'video1', 80],
    ['frame-presented', 'video2', 95],
    ['frame-presented', 'video1', 70],
    ['dtls-connected', 'pc1', 40],
  ]);
  const times = stageTimes(newcomer, [log(0, [['dtls-connected', 'x', 30]]), log(0, [['dtls-connected', 'y', 50]])], 2);
  expect(times['frame-presented']).toBe(95);
  // Only one of two connections is up: not reached.
  expect(times['dtls-connected']).toBeUndefined();
  expect(times['resident:dtls-connected']).toBe(50);
});

test('a log without the click is refused', () => {
  expect(() => stageTimes(log(0, [['joined', 'page', 1]]), [], 1)).toThrow(/click/);
});

test('medians per step skip the joins that lack it', () => {
  expect(stageMedians([{ joined: 10, track: 50 }, { joined: 30 }, { joined: 20, track: 70 }])).toEqual({ joined: 20, track: 60 });
});

test('a breakdown out of order, incomplete or not positive is a problem', () => {
  const good = { joined: 10, 'answer-received': 30, 'ice-connected': 40, 'dtls-connected': 50, 'frame-presented': 90 };
  expect(stageProblem(good)).toBeNull();
  expect(stageProblem({ ...good, 'ice-connected': 60 })).toMatch(/before "ice-connected"/);
  expect(stageProblem({ ...good, joined: Number.NaN })).toMatch(/joined/);
  const { 'frame-presented': _frame, ...withoutFrame } = good;
  expect(stageProblem(withoutFrame)).toMatch(/no "frame-presented"/);
});

test('a prepared join (prepared before the click) is checked from the click on only', () => {
  const prepared = { prepared: -2_000, 'dtls-connected': -1_500, joined: 10, 'frame-presented': 90 };
  expect(stageProblem(prepared)).toBeNull();
  expect(stageProblem({ ...prepared, 'frame-presented': 5 })).toMatch(/before "joined"/);
});
