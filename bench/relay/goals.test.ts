import assert from 'node:assert/strict';
import { test } from 'vitest';
import { evaluateGoals } from './goals.js';
import type { IdleResult } from './scenario.js';
import { summarizeIdle, type RelaySummary, type ServerSummary } from './summary.js';
import type { ServerName } from './servers/registry.js';

/** A server with one idle run per figure in `rssAt1000` (bytes per connection at 1,000). */
function server(name: ServerName, cpu: number, ...rssAt1000: number[]): ServerSummary {
  const runs = rssAt1000.map(
    (perConnection): IdleResult => ({
      kind: 'idle',
      server: name,
      baselineRssBytes: 0,
      levels: [{ connections: 1000, rssBytes: perConnection * 1000, bytesPerConnection: perConnection }],
      dropped: 0,
      connectSeconds: 0,
    }),
  );
  return { server: name, label: name, relay: { cpuMicrosPerMessage: cpu } as RelaySummary, idle: summarizeIdle(runs) };
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

test('the RSS verdict compares the medians over the idle runs, not any one run', () => {
  // Confab's worst run (9,000) is above PeerJS's median, PeerJS's best (6,000) below Confab's median.
  const verdicts = evaluateGoals([server('confab', 5, 7_000, 9_000, 7_500), server('peerjs', 10, 6_000, 10_000, 10_500)], [1000]);
  const rss = verdicts.find((v) => v.goal.startsWith('RSS'))!;
  assert.equal(rss.ratio, 0.75);
  assert.equal(rss.met, true);
});
