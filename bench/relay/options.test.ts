import assert from 'node:assert/strict';
import { test } from 'vitest';
import { parseOptions } from './options.js';

test('the default is the quick preset over all four servers with RSS at 1,000 and 10,000', () => {
  const o = parseOptions([]);
  assert.equal(o.preset, 'quick');
  assert.deepEqual(o.servers, ['confab', 'peerjs', 'socketio', 'ws']);
  assert.deepEqual(o.connections, [1000, 10000]);
  assert.equal(o.durationMs, 5_000);
});

test('--full lengthens the runs; explicit flags still win', () => {
  const o = parseOptions(['--full', '--duration', '2.5']);
  assert.equal(o.rounds, 5);
  assert.equal(o.durationMs, 2_500);
});

test('--connections none skips the RSS part, and levels are sorted', () => {
  assert.deepEqual(parseOptions(['--connections', 'none']).connections, []);
  assert.deepEqual(parseOptions(['--connections', '10000,1000']).connections, [1000, 10000]);
});

test('an unknown server or a bad count is refused with the flag named', () => {
  assert.throws(() => parseOptions(['--servers', 'confab,janus']), /--servers: unknown janus/);
  assert.throws(() => parseOptions(['--pairs', '0']), /--pairs must be an integer/);
});

test('client writes are per turn unless asked otherwise; an unknown mode is refused', () => {
  assert.equal(parseOptions([]).clientWrites, 'per-turn');
  assert.equal(parseOptions(['--client-writes', 'per-message']).clientWrites, 'per-message');
  assert.throws(() => parseOptions(['--client-writes', 'sometimes']), /--client-writes must be one of per-turn, per-message/);
});

test('RSS is read after 15 s of quiet unless --idle-settle says otherwise', () => {
  assert.equal(parseOptions([]).idleSettleMs, 15_000);
  assert.equal(parseOptions(['--idle-settle', '1']).idleSettleMs, 1_000);
});

test('idle runs: one in the quick preset, five in the full one, --idle-runs wins over both', () => {
  assert.equal(parseOptions([]).idleRuns, 1);
  assert.equal(parseOptions(['--full']).idleRuns, 5);
  assert.equal(parseOptions(['--full', '--idle-runs', '3']).idleRuns, 3);
  assert.equal(parseOptions(['--idle-runs', '2']).idleRuns, 2);
});

test('--idle-runs must be a whole number from 1 to 20', () => {
  assert.throws(() => parseOptions(['--idle-runs', '0']), /--idle-runs must be an integer from 1 to 20, got "0"/);
  assert.throws(() => parseOptions(['--idle-runs', '2.5']), /--idle-runs must be an integer/);
  assert.throws(() => parseOptions(['--idle-runs', '21']), /--idle-runs must be an integer/);
});
