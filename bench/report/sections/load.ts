import { int, ms, table } from '../markdown.js';
import { at, list, num, type Json } from '../read.js';
import type { Section } from './section.js';

/** bench:load: confab-load against the built server on this machine. */

const LATENCIES = [
  ['connect + hello', 'connectMs'],
  ['join → joined', 'joinMs'],
  ['relay, all signals', 'relayMs'],
  ['relay, offer/answer', 'relayDescriptionMs'],
  ['relay, candidate', 'relayCandidateMs'],
] as const;

export const loadSection: Section = {
  name: 'load',
  title: 'Load: many people in rooms of 4, with churn',
  command: 'npm run bench:load',
  about:
    '[confab-load](load-testing.md) against the built server on this machine, limits raised for one source address: ' +
    'simulated people join rooms of 4 and negotiate as browsers do (a 4 KB offer and answer and 10 trickled candidates ' +
    'each way per pair) while some leave and rejoin every second. The server and the tool share the CPUs, so these are ' +
    'latencies under a known load, not a capacity.',
  render(result: Json) {
    const r = at(result, 'result');
    const settings =
      `${int(num(result, 'settings', 'peers'))} people in ${int(num(result, 'settings', 'rooms'))} rooms for ` +
      `${int(num(result, 'settings', 'durationS'))} s, churn ${num(result, 'settings', 'churnPerSecond') ?? '–'}/s; ` +
      `${int(num(r, 'joins'))} joins, ${int(num(r, 'leaves'))} leaves`;
    const problems = list(result, 'problems').filter((p): p is string => typeof p === 'string');
    const markdown = [
      `Settings: ${settings}.`,
      '',
      table(
        ['latency', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'samples'],
        LATENCIES.map(([label, key]) => [label, ms(num(r, key, 'p50')), ms(num(r, key, 'p95')), ms(num(r, key, 'p99')), ms(num(r, key, 'max')), int(num(r, key, 'n'))]),
      ),
      '',
      `Signals: ${int(num(r, 'signals', 'sent'))} sent, ${int(num(r, 'signals', 'delivered'))} delivered, ` +
        `${int(num(r, 'signals', 'toDeparted'))} to people who had left, **${int(num(r, 'signals', 'lost'))} lost, ` +
        `${int(num(r, 'signals', 'duplicated'))} duplicated**; verdict: ${at(result, 'clean') === true ? 'clean' : `not clean (${problems.join('; ') || '?'})`}.`,
    ].join('\n');
    return { markdown, charts: [] };
  },
};
