import { fixed, int, table, times } from '../markdown.js';
import { num, str, type Json } from '../read.js';
import type { Section } from './section.js';

/** bench:datachannel: file transfer through the SDK against a raw RTCDataChannel blast. */

export const datachannelSection: Section = {
  name: 'datachannel',
  title: 'Data channel: file transfer',
  command: 'npm run bench:datachannel',
  about:
    'Two Chromium pages on loopback, in a call without camera or microphone. `sdk` sends a file through the web app’s ' +
    '“Send file” (64 KiB frames, backpressure, SHA-256 on both sides) and times it from Accept to “Integrity verified”; ' +
    '`raw` sends the same bytes over a bare pre-negotiated RTCDataChannel between the same pages. Runs interleave.',
  render(result: Json) {
    const row = (kind: 'sdk' | 'raw') => [
      kind,
      int(num(result, 'summaries', kind, 'n')),
      fixed(num(result, 'summaries', kind, 'median')),
      fixed(num(result, 'summaries', kind, 'min')),
      fixed(num(result, 'summaries', kind, 'max')),
    ];
    const r = num(result, 'ratio');
    const goal = num(result, 'goal');
    const bytes = num(result, 'bytesPerRun');
    const markdown = [
      `${bytes === undefined ? '?' : int(bytes / 2 ** 20)} MiB per run; Chromium ${str(result, 'environment', 'chromium') ?? '?'}.`,
      '',
      table(['kind', 'runs', 'median MiB/s', 'min', 'max'], [row('sdk'), row('raw')]),
      '',
      `sdk ÷ raw = ${times(r)}` + (goal === undefined || r === undefined ? '' : ` (target ≥ ${goal.toFixed(2)}×: ${r >= goal ? 'met' : 'not met'})`) + '.',
    ].join('\n');
    return { markdown, charts: [] };
  },
};
