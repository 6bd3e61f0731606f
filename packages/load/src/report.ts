import type { Percentiles } from './latency.js';
import type { LoadOptions } from './options.js';
import type { ScenarioResult } from './scenario.js';

/** The results of a run: the JSON written by `--json`, the text summary, and the verdict. */

export interface LoadReport {
  tool: 'confab-load';
  date: string;
  url: string;
  settings: {
    peers: number;
    rooms: number;
    durationS: number;
    churnPerSecond: number;
    joinsPerSecond: number;
    inflight: number;
    candidates: number;
    roomPrefix: string;
  };
  result: ScenarioResult;
  /** No signal lost, duplicated, corrupted or misrouted, and no error. */
  clean: boolean;
  /** What made the run unclean, one line each. */
  problems: string[];
}

export function buildReport(options: LoadOptions, result: ScenarioResult, date = new Date()): LoadReport {
  const s = result.signals;
  const problems: string[] = [];
  if (s.lost > 0) problems.push(`${s.lost} signal(s) lost`);
  if (s.duplicated > 0) problems.push(`${s.duplicated} signal(s) duplicated`);
  if (s.unknown > 0) problems.push(`${s.unknown} signal(s) arrived that no peer sent`);
  if (s.misrouted > 0) problems.push(`${s.misrouted} signal(s) misrouted`);
  for (const e of result.errors) problems.push(`${e.count} × ${e.code} (first: ${e.firstMessage})`);
  if (result.joins === 0) problems.push('no peer joined');
  return {
    tool: 'confab-load',
    date: date.toISOString(),
    url: options.url,
    settings: {
      peers: options.peers,
      rooms: options.rooms,
      durationS: options.durationMs / 1000,
      churnPerSecond: options.churnPerSecond,
      joinsPerSecond: options.joinsPerSecond,
      inflight: options.inflight,
      candidates: options.candidates,
      roomPrefix: options.roomPrefix,
    },
    result,
    clean: problems.length === 0,
    problems,
  };
}

const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');
const int = (n: number) => n.toLocaleString('en-US');

function latencyRow(label: string, p: Percentiles): string {
  return `  ${label.padEnd(22)} ${ms(p.p50).padStart(8)} ${ms(p.p95).padStart(8)} ${ms(p.p99).padStart(8)} ${ms(p.max).padStart(8)} ${int(p.n).padStart(9)}`;
}

export function renderText(report: LoadReport): string {
  const r = report.result;
  const s = r.signals;
  const lines = [
    `confab-load: ${report.settings.peers} peers in ${report.settings.rooms} rooms against ${report.url}, ` +
      `${(r.elapsedMs / 1000).toFixed(1)} s, churn ${report.settings.churnPerSecond}/s`,
    `  joins ${int(r.joins)}, leaves ${int(r.leaves)}, peak present ${int(r.peakPresent)}` + (r.seatsFailed > 0 ? `, ${r.seatsFailed} seats gave up` : ''),
    '',
    `  latency (ms)                p50      p95      p99      max   samples`,
    latencyRow('connect + hello', r.connectMs),
    latencyRow('join → joined', r.joinMs),
    latencyRow('relay (all signals)', r.relayMs),
    latencyRow('relay offer/answer', r.relayDescriptionMs),
    latencyRow('relay candidate', r.relayCandidateMs),
    '',
    `  signals: ${int(s.sent)} sent, ${int(s.delivered)} delivered, ${int(s.toDeparted)} to peers that had left, ` +
      `${int(s.lost)} lost, ${int(s.duplicated)} duplicated` +
      (s.unknown + s.misrouted > 0 ? `, ${int(s.unknown)} unknown, ${int(s.misrouted)} misrouted` : ''),
  ];
  for (const p of s.badPairs) {
    lines.push(`    ${p.from} → ${p.to}: ${p.sent} sent, ${p.delivered} delivered, ${p.lost} lost, ${p.duplicated} duplicated`);
  }
  if (r.errors.length === 0) lines.push('  errors: none');
  else {
    lines.push('  errors by code:');
    for (const e of r.errors) lines.push(`    ${e.code.padEnd(24)} ${int(e.count).padStart(7)}  ${e.firstMessage}`);
  }
  lines.push('');
  lines.push(
    report.clean
      ? 'CLEAN: no signals were lost or duplicated, and no errors.'
      : `NOT CLEAN: ${report.problems.join('; ')}`,
  );
  return lines.join('\n');
}
