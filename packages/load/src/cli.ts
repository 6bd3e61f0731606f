#!/usr/bin/env node
import { runLoad } from './run.js';

/** `confab-load`: see options.ts for the flags and docs/load-testing.md for the guide. */
const { exitCode } = await runLoad(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
process.exit(exitCode);
