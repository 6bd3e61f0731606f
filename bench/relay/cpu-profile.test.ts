import assert from 'node:assert/strict';
import { test } from 'vitest';
import { summarizeCpuProfile } from './cpu-profile.js';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

// (root) → onMessage (ws) → parse (protocol) → parse (protocol, recursive); plus (idle) and GC.
const PROFILE = {
  startTime: 0,
  endTime: 10_000, // µs: 10 samples of 1 ms
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
    { id: 2, callFrame: frame('onMessage', 'file:///x/node_modules/ws/lib/receiver.js'), children: [3] },
    { id: 3, callFrame: frame('parse', 'file:///x/packages/protocol/dist/parse.js'), children: [4] },
    { id: 4, callFrame: frame('parse', 'file:///x/packages/protocol/dist/parse.js') },
    { id: 5, callFrame: frame('(idle)') },
    { id: 6, callFrame: frame('(garbage collector)') },
  ],
  samples: [2, 3, 4, 4, 5, 5, 5, 5, 6, 3],
};

test('idle samples are left out of the busy time the shares are taken of', () => {
  const s = summarizeCpuProfile(PROFILE);
  assert.equal(s.busyMs, 6);
  assert.equal(s.idleMs, 4);
  assert.deepEqual(
    s.byArea.map((a) => [a.name, a.share]),
    [
      ['@confab/protocol', 4 / 6],
      ['ws', 1 / 6],
      ['GC', 1 / 6],
    ],
  );
});

test('inclusive time counts a recursive function once per sample', () => {
  const s = summarizeCpuProfile(PROFILE);
  const parse = s.totalByFunction.find((f) => f.name.startsWith('parse'))!;
  const onMessage = s.totalByFunction.find((f) => f.name.startsWith('onMessage'))!;
  assert.equal(parse.ms, 4);
  assert.equal(onMessage.ms, 5);
});
