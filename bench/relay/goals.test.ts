import assert from 'node:assert/strict';
import { test } from 'vitest';
import { evaluateGoals } from './goals.js';
import type { RelaySummary, ServerSummary } from './summary.js';
import type { ServerName } from './servers/registry.js';

function server(name: ServerName, cpu: number, rssAt1000?: number): ServerSummary {
  return {
    server: name,
    label: name,
    relay: { cpuMicrosPerMessage: cpu } as RelaySummary,
    idle:
      rssAt1000 === undefined
        ? undefined
        : { kind: 'idle', server: name, baselineRssBytes: 0, levels: [{ connections: 1000, rssBytes: 0, bytesPerConnection: rssAt1000 }], dropped: 0, connectSeconds: 0, marginalBytesPerConnection: undefined },
  };
}

test('a goal exactly at its limit is met; just over it is not', () => {
  const verdicts = evaluateGoals([server('confab', 7.5, 8_000), server('peerjs', 10, 10_000), server('socketio', 14.9)], [1000]);
  assert.deepEqual(
    verdicts.map((v) => [v.goal, v.met]),
    [
      ['CPU per relayed message ≤ 0.75× peerjs', true],
      ['CPU per relayed message ≤ 0.5× socketio', false],
      ['RSS per idle connection @1,000 ≤ 0.8× peerjs', true],
    ],
  );
});

test('a goal whose figures were not measured is neither met nor missed', () => {
  const verdicts = evaluateGoals([server('confab', 5)], [1000]);
  assert.ok(verdicts.every((v) => v.met === undefined && v.ratio === undefined));
});
