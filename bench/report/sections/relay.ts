import { fixed, int, kib, kibSpread, ms, ratio, table, times } from '../markdown.js';
import { at, list, num, numbers, str, type Json } from '../read.js';
import { barChart } from '../svg.js';
import type { Section } from './section.js';

/** bench:relay: CPU per relayed candidate and RSS per idle connection, Confab against PeerJS, socket.io and bare ws. */

const BASELINES = [
  ['peerjs', 'PeerJS'],
  ['socketio', 'socket.io'],
  ['ws', 'bare ws'],
] as const;

interface ServerRow {
  server: string;
  label: string;
  msgsPerSecond: number | undefined;
  cpuMicros: number | undefined;
  rttP50: number | undefined;
  rttP99: number | undefined;
  probeP50: number | undefined;
  probeP99: number | undefined;
  failures: number | undefined;
  /** RSS per idle connection at the highest level measured (the median over the idle runs). */
  rssPerConnection: number | undefined;
  /** Its spread over the idle runs, when there was more than one (results from before 2026-12-05 had one). */
  rssSpread: { min: number; max: number } | undefined;
}

function spreadOf(level: Json | undefined): { min: number; max: number } | undefined {
  const runs = num(level, 'runs');
  const min = num(level, 'bytesPerConnectionMin');
  const max = num(level, 'bytesPerConnectionMax');
  return runs !== undefined && runs > 1 && min !== undefined && max !== undefined ? { min, max } : undefined;
}

function rows(result: Json, level: number | undefined): ServerRow[] {
  return list(result, 'summaries').map((s) => {
    const levels = list(s, 'idle', 'levels');
    const atLevel = levels.find((l) => num(l, 'connections') === level);
    return {
      server: str(s, 'server') ?? '?',
      label: str(s, 'label') ?? str(s, 'server') ?? '?',
      msgsPerSecond: num(s, 'relay', 'messagesPerSecond'),
      cpuMicros: num(s, 'relay', 'cpuMicrosPerMessage'),
      rttP50: num(s, 'relay', 'rttP50Ms'),
      rttP99: num(s, 'relay', 'rttP99Ms'),
      probeP50: num(s, 'relay', 'probeP50Ms'),
      probeP99: num(s, 'relay', 'probeP99Ms'),
      failures: num(s, 'relay', 'failures'),
      rssPerConnection: num(atLevel, 'bytesPerConnection'),
      rssSpread: spreadOf(atLevel),
    };
  });
}

export const relaySection: Section = {
  name: 'relay',
  title: 'Relay: CPU per signal and memory per connection',
  command: 'npm run bench:relay',
  about:
    'Four signaling servers relay ICE-candidate signals (224–308-byte frames) between pairs of clients, each server ' +
    'in its own process pinned to CPU 0 and the load generator pinned to CPU 1, one server after another in the same run. ' +
    'CPU µs/msg is the server process’s utime + stime over the measured window divided by the messages it relayed; ' +
    'RSS per connection is the server’s RSS with N idle sessions open minus its RSS with none, over N, both after 15 s of quiet and a full GC (PeerJS’s clients send its 5 s heartbeat, as its browser client does), the median over several fresh server processes in a full run. ' +
    'Full method: [benchmarks-relay.md](benchmarks-relay.md).',
  render(result) {
    const levels = numbers(result, 'options', 'connections');
    const level = levels.length > 0 ? Math.max(...levels) : undefined;
    const servers = rows(result, level);
    const rssHeader = level === undefined ? 'RSS/conn' : `RSS/conn @${level.toLocaleString('en-US')}`;
    const settings =
      `${int(num(result, 'options', 'pairs'))} pairs × ${int(num(result, 'options', 'inflight'))} in flight, ` +
      `${int(num(result, 'options', 'rounds'))} round(s) of ${fixed((num(result, 'options', 'durationMs') ?? NaN) / 1000, 0)} s (medians), ` +
      `preset ${str(result, 'options', 'preset') ?? '?'}; ` +
      // Results from before the option wrote one message per write.
      `load-generator clients write ${str(result, 'options', 'clientWrites') ?? 'per-message'}`;
    const figures = table(
      ['server', 'msgs/s', 'CPU µs/msg', 'RTT p50 ms', 'RTT p99 ms', '1-in-flight p50 ms', '1-in-flight p99 ms', rssHeader, 'failures'],
      servers.map((s) => [
        s.label,
        int(s.msgsPerSecond),
        fixed(s.cpuMicros),
        ms(s.rttP50),
        ms(s.rttP99),
        ms(s.probeP50),
        ms(s.probeP99),
        kibSpread(s.rssPerConnection, s.rssSpread),
        int(s.failures),
      ]),
    );
    const confab = servers.find((s) => s.server === 'confab');
    const present = BASELINES.filter(([name]) => servers.some((s) => s.server === name));
    const ratios =
      confab && present.length > 0
        ? table(
            ['Confab ÷', 'CPU per message', 'messages per second', rssHeader],
            present.map(([name, label]) => {
              const b = servers.find((s) => s.server === name)!;
              return [label, times(ratio(confab.cpuMicros, b.cpuMicros)), times(ratio(confab.msgsPerSecond, b.msgsPerSecond)), times(ratio(confab.rssPerConnection, b.rssPerConnection))];
            }),
          )
        : '';
    const goals = list(result, 'goals')
      .map((g) => {
        const met = at(g, 'met');
        return `- Confab ${str(g, 'goal') ?? '?'}: ${times(num(g, 'ratio'))} → **${met === true ? 'met' : met === false ? 'not met' : 'not measured'}**`;
      })
      .join('\n');
    const chart = {
      file: 'relay-cpu.svg',
      alt: 'Relay benchmark: server CPU per relayed message and RSS per idle connection, Confab against PeerJS, socket.io and bare ws',
      svg: barChart(
        'Relaying ICE candidates: cost per message and per connection (lower is better)',
        [
          { title: 'server CPU per relayed message', format: (v) => `${v.toFixed(1)} µs`, bars: servers.map((s) => ({ label: s.label, value: s.cpuMicros, highlight: s.server === 'confab' })) },
          { title: `server RSS per idle connection${level ? ` (${level.toLocaleString('en-US')} open)` : ''}`, format: (v) => `${(v / 1024).toFixed(1)} KiB`, bars: servers.map((s) => ({ label: s.label, value: s.rssPerConnection, highlight: s.server === 'confab' })) },
        ],
        `npm run bench:relay, ${str(result, 'date')?.slice(0, 10) ?? ''}; ${settings}`,
      ),
    };
    const idleRuns = num(result, 'options', 'idleRuns') ?? 1;
    const idle =
      levels.length === 0
        ? 'not measured'
        : `${levels.join(', ')}` + (idleRuns > 1 ? ` (RSS/conn: median of ${idleRuns} runs, each a fresh server process; min–max in brackets)` : '');
    const markdown = [
      `Settings: ${settings}; idle connections: ${idle}.`,
      '',
      figures,
      '',
      ...(ratios ? ['Ratios, measured in the same run:', '', ratios, ''] : []),
      ...(goals ? ['The targets of the relay work:', '', goals, ''] : []),
      `![${chart.alt}](benchmarks/${chart.file})`,
    ].join('\n');
    return { markdown, charts: [chart] };
  },
};
