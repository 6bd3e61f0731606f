import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { LOAD_CPU, spawnPinnedNode, stopChild } from './pinned-node.js';
import { RESULT_PREFIX, type Scenario, type ScenarioResult } from './scenario.js';

/** Runs one scenario in the load generator process, pinned to the load CPU, and returns its result. */

const LOAD_GENERATOR = fileURLToPath(new URL('./load-generator.ts', import.meta.url));
/** stderr lines kept for the error message if the load generator fails. */
const STDERR_LINES_KEPT = 40;
const KILL_GRACE_MS = 2_000;

export async function runLoadGenerator(scenario: Scenario, timeoutMs: number): Promise<ScenarioResult> {
  const child = spawnPinnedNode({
    cpu: LOAD_CPU,
    args: ['--import', 'tsx', LOAD_GENERATOR, '--scenario', JSON.stringify(scenario)],
  });
  let result: ScenarioResult | undefined;
  const stderr: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ScenarioResult;
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > STDERR_LINES_KEPT) stderr.shift();
  });

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopChild(child, KILL_GRACE_MS);
  }, timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);

  const what = `load generator (${scenario.kind}, ${scenario.target.server})`;
  if (timedOut) throw new Error(`${what} did not finish within ${timeoutMs} ms\n${stderr.join('\n')}`);
  if (code !== 0 || !result) throw new Error(`${what} failed (exit code ${code})\n${stderr.join('\n')}`);
  return result;
}
