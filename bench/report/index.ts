import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describeMachine, machineOf, REPO_ROOT } from './machine.js';
import { when } from './markdown.js';
import { str, type Json } from './read.js';
import { clusterSection } from './sections/cluster.js';
import { datachannelSection } from './sections/datachannel.js';
import { joinFloorSection } from './sections/join-floor.js';
import { joinSection } from './sections/join.js';
import { loadSection } from './sections/load.js';
import { redisMemorySection } from './sections/redis-memory.js';
import { relaySection } from './sections/relay.js';
import type { Section } from './sections/section.js';

/**
 * The benchmark report: reads every bench/results/<name>.json and writes docs/benchmarks.md (the
 * latest figures of each bench, how and on what they were measured, ratios against the peers of
 * the same run) and its charts, docs/benchmarks/*.svg. Every bench calls `updateBenchmarksReport()`
 * after writing its results to bench/results/; `npm run bench:report` runs it alone.
 */

export const RESULTS_DIR = resolve(REPO_ROOT, 'bench/results');
export const DOCS_DIR = resolve(REPO_ROOT, 'docs');

export const SECTIONS: readonly Section[] = [joinSection, joinFloorSection, relaySection, loadSection, clusterSection, redisMemorySection, datachannelSection];

export interface ReportOptions {
  resultsDir?: string;
  docsDir?: string;
}

async function readResult(dir: string, name: string): Promise<Json | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as Json;
  } catch {
    return undefined;
  }
}

function dateOf(result: Json): string | undefined {
  return str(result, 'date') ?? str(result, 'measuredAt');
}

const INTRO = `# Benchmarks

The latest figures of each of Confab's benchmarks, as measured on the machine named under each
one. This page is generated: every \`npm run bench:*\` writes its results to \`bench/results/<name>.json\`
(not committed) and then rewrites this page and its charts from all the results there
(\`npm run bench:report\` does only the rewriting). Ratios compare figures measured in the same
run on the same machine; absolute figures depend on the machine, so compare them only with
figures from the same one. \`npm test\` runs a quick mode of each bench that checks the figures
are produced and sane, not that they meet a target.

For load-testing a deployed server (many simulated people in many rooms), see
[load-testing.md](load-testing.md).`;

/** Rewrites docs/benchmarks.md and docs/benchmarks/*.svg from bench/results/*.json; returns the files written. */
export async function updateBenchmarksReport(options: ReportOptions = {}): Promise<string[]> {
  const resultsDir = options.resultsDir ?? RESULTS_DIR;
  const docsDir = options.docsDir ?? DOCS_DIR;
  const written: string[] = [];
  const parts = [INTRO];
  const page = join(docsDir, 'benchmarks.md');
  const earlier = measuredSections(await readFile(page, 'utf8').catch(() => ''));
  const known = new Set(SECTIONS.map((s) => s.name));
  for (const section of SECTIONS) {
    parts.push(`## ${section.title}`, `\`${section.command}\`. ${section.about}`);
    const result = await readResult(resultsDir, section.name);
    if (result === undefined) {
      // No results here (a fresh clone: bench/results/ is not committed): the figures the page
      // has from an earlier run stay, with their charts, rather than being wiped.
      parts.push(earlier.get(section.title) ?? `*Not measured yet: run \`${section.command}\`.*`);
      continue;
    }
    const rendered = section.render(result);
    const machine = machineOf(result);
    const busy = machine.loadavg?.[0] !== undefined && machine.cpus !== undefined && machine.loadavg[0] > machine.cpus;
    parts.push(
      `Measured ${when(dateOf(result))} on ${describeMachine(machine)}.` +
        (busy ? ' *The machine was busy with other work (load average above its CPU count): absolute figures are pessimistic; ratios from the same run less so.*' : ''),
      rendered.markdown,
    );
    for (const chart of rendered.charts) {
      const path = join(docsDir, 'benchmarks', chart.file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, chart.svg);
      written.push(path);
    }
  }
  const others = (await readdir(resultsDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.json') && !known.has(f.slice(0, -'.json'.length)))
    .sort();
  if (others.length > 0) parts.push('## Other results', `Also in bench/results/, not rendered here: ${others.map((f) => `\`${f}\``).join(', ')}.`);
  await writeFile(page, `${parts.join('\n\n')}\n`);
  written.push(page);
  return written;
}

/**
 * The measured figures of each section of an earlier report, by title: what follows the section's
 * command line, up to the next section. Sections that were not measured then are left out.
 */
export function measuredSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const chunk of markdown.split(/^## /m).slice(1)) {
    const [title = '', ...rest] = chunk.split('\n\n');
    // rest[0] is the command and what it measures (rewritten from the section's own text).
    const figures = rest.slice(1).join('\n\n').trim();
    if (figures && !figures.startsWith('*Not measured yet')) sections.set(title.trim(), figures);
  }
  return sections;
}

/**
 * For a bench's `--out FILE`: rewrites the report only when the results went to bench/results/,
 * so quick runs into a temporary directory (the tests) leave docs/benchmarks.md alone.
 */
export async function updateReportFor(outFile: string): Promise<void> {
  if (dirname(resolve(outFile)) !== RESULTS_DIR) return;
  const written = await updateBenchmarksReport();
  console.log(`updated ${written.map((f) => f.slice(REPO_ROOT.length)).join(', ')}`);
}
