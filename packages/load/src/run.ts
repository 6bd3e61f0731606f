import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseOptions, USAGE, UsageError } from './options.js';
import { startProgress, type ProgressStream } from './progress.js';
import { buildReport, renderText, type LoadReport } from './report.js';
import { Scenario } from './scenario.js';

/** Exit codes of `confab-load`. */
export const EXIT_CLEAN = 0;
export const EXIT_NOT_CLEAN = 1;
export const EXIT_USAGE = 2;

export interface RunLoadOutcome {
  exitCode: number;
  report: LoadReport | undefined;
}

export interface RunLoadIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
}

/** The whole command: options, the run with its progress line, the summary, the JSON, the exit code. */
export async function runLoad(argv: readonly string[], io: RunLoadIo): Promise<RunLoadOutcome> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`confab-load: ${error.message}\n${USAGE}\n`);
    return { exitCode: EXIT_USAGE, report: undefined };
  }
  io.stderr.write(
    `confab-load: ${options.peers} peers in ${options.rooms} rooms (${options.roomPrefix}-*) against ${options.url} for ` +
      `${options.durationMs / 1000} s, churn ${options.churnPerSecond}/s, ${options.joinsPerSecond} joins/s, ${options.inflight} in flight\n`,
  );
  const scenario = new Scenario(options);
  const stopProgress = options.quiet ? () => {} : startProgress(io.stderr, () => scenario.status());
  let result;
  try {
    result = await scenario.run();
  } finally {
    stopProgress();
  }
  const report = buildReport(options, result);
  io.stdout.write(`${renderText(report)}\n`);
  if (options.json) {
    const path = resolve(options.json);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
    io.stderr.write(`confab-load: wrote ${path}\n`);
  }
  return { exitCode: report.clean ? EXIT_CLEAN : EXIT_NOT_CLEAN, report };
}
