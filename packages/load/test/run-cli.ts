import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs the `confab-load` command from its sources (no build needed), as its own process. */

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
/** A run of a few seconds, on a busy 2-core machine, with tsx compiling on start. */
export const CLI_TIMEOUT_MS = 60_000;

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', CLI, ...args],
      { timeout: CLI_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(new Error(`confab-load did not finish: ${error.message}\n${stderr}`));
        resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
