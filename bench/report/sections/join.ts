import { fixed, int, ms, percent, ratio, table, times } from '../markdown.js';
import { entries, list, num, numbers, str, type Json } from '../read.js';
import { barChart } from '../svg.js';
import type { Section } from './section.js';

/** bench:join: from clicking Join to the first decoded remote video frame, in real Chromium. */

function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export const joinSection: Section = {
  name: 'join',
  title: 'Join: click to first remote video frame',
  command: 'npm run bench:join',
  about:
    'Real Chromium pages (fake camera) join a room through the web app against the built server on loopback; ' +
    'the clock runs from the click on Join to the first decoded frame of every remote video. ' +
    'Rooms of 2 and of 4 people.',
  render(result: Json) {
    const label = (s: Json) => `${int(num(s, 'people'))} people${str(s, 'variant') ? `, ${str(s, 'variant')}` : ''}`;
    const baseline = list(result, 'baseline', 'scenarios');
    const scenarios = list(result, 'scenarios').map((s) => {
      const samples = [...numbers(s, 'samplesMs')].sort((a, b) => a - b);
      const before = baseline.find((b) => label(b) === label(s));
      return {
        label: label(s),
        baselineMedian: num(before, 'medianMs'),
        failures: num(s, 'failures'),
        people: num(s, 'people'),
        runs: num(s, 'runs') ?? (samples.length || undefined),
        median: num(s, 'medianMs'),
        p90: num(s, 'p90Ms') ?? percentile(samples, 90),
        min: samples[0],
        max: samples[samples.length - 1],
        busyShare: num(s, 'machine', 'busyShare'),
        runnable: num(s, 'machine', 'runnable'),
        stages: entries(s, 'stagesMedianMs').filter((e): e is [string, number] => typeof e[1] === 'number'),
      };
    });
    const withBaseline = scenarios.some((s) => s.baselineMedian !== undefined);
    const withMachine = scenarios.some((s) => s.runnable !== undefined);
    const figures = table(
      [
        'people in the room',
        'runs',
        'failures',
        'median ms',
        'p90 ms',
        'min ms',
        'max ms',
        ...(withBaseline ? ['median ÷ baseline'] : []),
        ...(withMachine ? ['cores busy', 'threads runnable'] : []),
      ],
      scenarios.map((s) => [
        s.label,
        int(s.runs),
        int(s.failures),
        ms(s.median),
        ms(s.p90),
        ms(s.min),
        ms(s.max),
        ...(withBaseline ? [times(ratio(s.median, s.baselineMedian))] : []),
        ...(withMachine ? [percent(s.busyShare), fixed(s.runnable)] : []),
      ]),
    );
    const two = scenarios.find((s) => s.people === 2);
    const four = scenarios.find((s) => s.people === 4);
    const stageNames = [...new Set(scenarios.flatMap((s) => s.stages.map(([k]) => k)))];
    const stages =
      stageNames.length > 0
        ? table(
            ['stage (median ms)', ...scenarios.map((s) => s.label)],
            stageNames.map((name) => [name, ...scenarios.map((s) => ms(s.stages.find(([k]) => k === name)?.[1]))]),
          )
        : '';
    const chart = {
      file: 'join.svg',
      alt: 'Join benchmark: median and 90th percentile time from Join to the first remote video frame, rooms of 2 and 4',
      svg: barChart(
        'Click on Join → first remote video frame (lower is better)',
        [
          { title: 'median', format: (v) => `${Math.round(v)} ms`, bars: scenarios.map((s) => ({ label: s.label, value: s.median, highlight: true })) },
          { title: '90th percentile', format: (v) => `${Math.round(v)} ms`, bars: scenarios.map((s) => ({ label: s.label, value: s.p90, highlight: true })) },
        ],
        'npm run bench:join: real Chromium, built server, loopback',
      ),
    };
    const markdown = [
      figures,
      '',
      ...(withBaseline ? [`The baseline (${str(result, 'baseline', 'staticDir') ?? 'an earlier build'}) was measured in the same run.`, ''] : []),
      ...(withMachine
        ? [
            'Cores busy and threads runnable: the whole machine from just before each click until its first frames, medians ' +
              '(/proc/…/schedstat of every thread). More threads runnable than cores means every step of the join waited its turn.',
            '',
          ]
        : []),
      ...(two && four ? [`A room of 4 takes ${times(ratio(four.median, two.median))} the median time of a room of 2 (same run).`, ''] : []),
      ...(stages ? ['Where the time goes (medians of each stage):', '', stages, ''] : []),
      `![${chart.alt}](benchmarks/${chart.file})`,
    ].join('\n');
    return { markdown, charts: scenarios.length > 0 ? [chart] : [] };
  },
};
