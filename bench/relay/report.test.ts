import assert from 'node:assert/strict';
import { test } from 'vitest';
import { renderReport } from './report.js';
import type { IdleResult } from './scenario.js';
import { summarizeIdle, type ServerSummary } from './summary.js';

/** One run of 1,000 idle connections that took `perConnection` bytes each. */
const run = (perConnection: number): IdleResult => ({
  kind: 'idle',
  server: 'confab',
  baselineRssBytes: 0,
  levels: [{ connections: 1000, rssBytes: perConnection * 1000, bytesPerConnection: perConnection }],
  dropped: 0,
  connectSeconds: 1,
});

const confab = (...perConnection: number[]): ServerSummary => ({
  server: 'confab',
  label: 'Confab',
  relay: undefined,
  idle: summarizeIdle(perConnection.map(run)),
});

test('RSS per connection is shown as the median of the idle runs with their min–max beside it', () => {
  const text = renderReport([confab(6_144, 5_120, 10_240)], [1000], [], 'text');
  assert.match(text, /median of 3 idle runs, min–max in brackets/);
  assert.match(text, /6\.0 KiB \(5\.0–10\.0\)/);
});

test('a single idle run is shown without a spread', () => {
  const markdown = renderReport([confab(6_144)], [1000], [], 'markdown');
  assert.match(markdown, /median of 1 idle run\)/);
  assert.match(markdown, /\| 6\.0 KiB \|/);
  assert.doesNotMatch(markdown, /6\.0 KiB \(/);
});
