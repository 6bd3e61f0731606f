import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './pinned-node.js';

/**
 * Where a V8 CPU profile (`node --cpu-prof`) spends its time: self time by area (ws, zod,
 * Confab's packages, V8/native, GC) and by function, plus inclusive time by function. Functions
 * in built packages are mapped back to their TypeScript source through the .js.map files.
 * Percentages are of busy time: samples in "(idle)" are left out.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
  /** Share of busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  byArea: TimeShare[];
  selfByFunction: TimeShare[];
  totalByFunction: TimeShare[];
}

/** Ordered: the first pattern that matches a frame's URL names its area. */
const AREAS: ReadonlyArray<[RegExp, string]> = [
  [/\/packages\/protocol\//, '@confab/protocol'],
  [/\/packages\/core\//, '@confab/core'],
  [/\/packages\/server\//, '@confab/server'],
  [/\/node_modules\/zod\//, 'zod'],
  [/\/node_modules\/ws\//, 'ws'],
  [/\/node_modules\/(pino|sonic-boom|thread-stream)/, 'pino'],
  [/^node:/, 'Node.js internals (JS)'],
];

const SPECIAL_AREAS: Record<string, string> = {
  '(garbage collector)': 'GC',
  '(program)': 'V8/native outside JS (event loop, syscalls, compiler)',
  '(idle)': 'idle',
  '(root)': 'root',
};

function areaOf(frame: CallFrame): string {
  if (!frame.url) return SPECIAL_AREAS[frame.functionName] ?? 'native functions (writev, JSON, …)';
  for (const [pattern, area] of AREAS) if (pattern.test(frame.url)) return area;
  return 'other';
}

const sourceMaps = new Map<string, SourceMap | undefined>();

function sourceMapFor(file: string): SourceMap | undefined {
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as never) : undefined);
  }
  return sourceMaps.get(file);
}

/** `file:line` relative to the repo, through the source map where there is one. 1-based lines. */
function locationOf(frame: CallFrame): string {
  if (!frame.url.startsWith('file://')) return frame.url;
  const file = fileURLToPath(frame.url);
  const entry = sourceMapFor(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && 'originalSource' in entry) {
    const source = entry.originalSource.startsWith('file://')
      ? fileURLToPath(entry.originalSource)
      : resolve(dirname(file), entry.originalSource);
    return `${relative(REPO_ROOT, source)}:${entry.originalLine + 1}`;
  }
  return `${relative(REPO_ROOT, file)}:${frame.lineNumber + 1}`;
}

function functionKey(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url ? `${name}  ${locationOf(frame)}` : name;
}

function ranked(totals: Map<string, number>, msPerSample: number, busySamples: number, top: number): TimeShare[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, samples]) => ({ name, ms: samples * msPerSample, share: samples / busySamples }));
}

export function summarizeCpuProfile(profile: CpuProfile, top = 30): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);

  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  let idleSamples = 0;
  const byArea = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  for (const [id, n] of hits) {
    const frame = byId.get(id)!.callFrame;
    const area = areaOf(frame);
    if (area === 'idle') {
      idleSamples += n;
      continue;
    }
    byArea.set(area, (byArea.get(area) ?? 0) + n);
    const key = functionKey(frame);
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + n);
    // Inclusive: every distinct function on the stack, counted once per sample.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (f.functionName === '(root)') continue;
      const k = functionKey(f);
      if (seen.has(k)) continue;
      seen.add(k);
      totalByFunction.set(k, (totalByFunction.get(k) ?? 0) + n);
    }
  }
  const busySamples = Math.max(1, profile.samples.length - idleSamples);
  return {
    busyMs: busySamples * msPerSample,
    idleMs: idleSamples * msPerSample,
    byArea: ranked(byArea, msPerSample, busySamples, Infinity),
    selfByFunction: ranked(selfByFunction, msPerSample, busySamples, top),
    totalByFunction: ranked(totalByFunction, msPerSample, busySamples, top),
  };
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

export function renderProfileSummary(summary: ProfileSummary): string {
  const rows = (shares: readonly TimeShare[]) =>
    shares.map((s) => `  ${(s.share * 100).toFixed(1).padStart(5)}%  ${s.ms.toFixed(0).padStart(6)} ms  ${s.name}`).join('\n');
  return [
    `busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms`,
    'self time by area:',
    rows(summary.byArea),
    'self time by function:',
    rows(summary.selfByFunction),
    'inclusive time by function:',
    rows(summary.totalByFunction),
  ].join('\n');
}
