import { fixed, int, kib, kibSpread, ms, NONE, percent, times } from '../report/markdown.js';
import { ratio, type GoalVerdict } from './goals.js';
import { rssPerConnection, type IdleLevelSummary, type ServerSummary } from './summary.js';
import type { ServerName } from './servers/registry.js';

/** The results as tables: plain text for the console, Markdown for docs/benchmarks-relay.md. */

export type Format = 'text' | 'markdown';

/** Servers the ratios are taken against. */
const BASELINES: readonly ServerName[] = ['peerjs', 'socketio'];

/** The min–max of the idle runs a median comes from, when there was more than one. */
function spreadOf(runs: number, min: number | undefined, max: number | undefined): { min: number; max: number } | undefined {
  return runs > 1 && min !== undefined && max !== undefined ? { min, max } : undefined;
}

function levelCell(level: IdleLevelSummary | undefined): string {
  return level ? kibSpread(level.bytesPerConnection, spreadOf(level.runs, level.bytesPerConnectionMin, level.bytesPerConnectionMax)) : NONE;
}

function marginalCell(s: ServerSummary): string {
  const idle = s.idle;
  return idle ? kibSpread(idle.marginalBytesPerConnection, spreadOf(idle.runs, idle.marginalBytesPerConnectionMin, idle.marginalBytesPerConnectionMax)) : NONE;
}

function renderTable(headers: readonly string[], rows: readonly string[][], format: Format): string {
  if (format === 'markdown') {
    const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
    const rule = headers.map((_, i) => (i === 0 ? '---' : '---:'));
    return [line(headers), line(rule), ...rows.map(line)].join('\n');
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function absoluteTable(summaries: readonly ServerSummary[], levels: readonly number[], format: Format): string {
  const headers = [
    'server',
    'msgs/s',
    'CPU µs/msg',
    '(min–max)',
    'reads / writes per msg',
    'server CPU',
    'server waited',
    'load-gen CPU',
    'RTT p50 ms',
    'RTT p99 ms',
    '1-in-flight p50 ms',
    '1-in-flight p99 ms',
    ...levels.map((n) => `RSS/conn @${n.toLocaleString('en-US')}`),
    ...(levels.length > 1 ? ['RSS/conn marginal'] : []),
  ];
  const rows = summaries.map((s) => {
    const r = s.relay;
    return [
      s.label + (r && r.failures > 0 ? ` (${r.failures} failures!)` : ''),
      int(r?.messagesPerSecond),
      fixed(r?.cpuMicrosPerMessage, 1),
      r ? `${fixed(r.cpuMicrosPerMessageMin, 1)}–${fixed(r.cpuMicrosPerMessageMax, 1)}` : NONE,
      r ? `${fixed(r.serverReadsPerMessage, 2)} / ${fixed(r.serverWritesPerMessage, 2)}` : NONE,
      percent(r?.serverCoreShare),
      percent(r?.serverWaitShare),
      percent(r?.loadCoreShare),
      ms(r?.rttP50Ms),
      ms(r?.rttP99Ms),
      ms(r?.probeP50Ms),
      ms(r?.probeP99Ms),
      ...levels.map((n) => levelCell(s.idle?.levels.find((l) => l.connections === n))),
      ...(levels.length > 1 ? [marginalCell(s)] : []),
    ];
  });
  return renderTable(headers, rows, format);
}

export function ratioTable(summaries: readonly ServerSummary[], levels: readonly number[], format: Format): string {
  const baselines = BASELINES.map((name) => summaries.find((s) => s.server === name)).filter((s) => s !== undefined);
  if (baselines.length === 0) return '';
  const headers = ['server'];
  for (const b of baselines) headers.push(`CPU/msg ÷ ${b.label}`);
  for (const b of baselines) headers.push(`msgs/s ÷ ${b.label}`);
  for (const n of levels) for (const b of baselines) headers.push(`RSS/conn @${n.toLocaleString('en-US')} ÷ ${b.label}`);
  const rows = summaries.map((s) => {
    const row = [s.label];
    for (const b of baselines) row.push(times(ratio(s.relay?.cpuMicrosPerMessage, b.relay?.cpuMicrosPerMessage)));
    for (const b of baselines) row.push(times(ratio(s.relay?.messagesPerSecond, b.relay?.messagesPerSecond)));
    for (const n of levels) for (const b of baselines) row.push(times(ratio(rssPerConnection(s, n), rssPerConnection(b, n))));
    return row;
  });
  return renderTable(headers, rows, format);
}

export function goalLines(verdicts: readonly GoalVerdict[], format: Format): string {
  const mark = (v: GoalVerdict) => (v.met === undefined ? 'not measured' : v.met ? 'MET' : 'NOT MET');
  const bullet = format === 'markdown' ? '- ' : '  ';
  return verdicts
    .map((v) => `${bullet}Confab ${v.goal}: ${times(v.ratio)} → ${format === 'markdown' ? `**${mark(v)}**` : mark(v)}`)
    .join('\n');
}

/** What the figures are medians of: relay rounds, and idle runs when RSS was measured. */
function figuresTitle(summaries: readonly ServerSummary[]): string {
  const idleRuns = Math.max(0, ...summaries.map((s) => s.idle?.runs ?? 0));
  if (idleRuns === 0) return 'Figures (medians over rounds)';
  const spread = idleRuns > 1 ? ', min–max in brackets' : '';
  return `Figures (medians over rounds; RSS/conn: median of ${idleRuns} idle run${idleRuns > 1 ? 's' : ''}${spread})`;
}

export function renderReport(summaries: readonly ServerSummary[], levels: readonly number[], verdicts: readonly GoalVerdict[], format: Format): string {
  const heading = (title: string) => (format === 'markdown' ? `### ${title}` : `${title}:`);
  return [
    heading(figuresTitle(summaries)),
    absoluteTable(summaries, levels, format),
    '',
    heading('Ratios'),
    ratioTable(summaries, levels, format),
    '',
    heading('Goals'),
    goalLines(verdicts, format),
  ].join('\n');
}
