#!/usr/bin/env node
// Makes sure the system programs the test suites drive are installed, before `npm test` runs them.
// Plain Node ESM with no dependencies: it runs before `npm run build`, on a fresh machine.
//
// Each entry names a file the tests need (a program, or a font the screenshots render with) and
// the Debian package that provides it. To add
// one (coturn for TURN tests, redis-server for the Redis store), append a line to SYSTEM_DEPS.
// Nothing is ever skipped silently: a missing program is installed (as root) or the run fails
// with the exact command to run.

import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** @type {ReadonlyArray<{ bin: string, pkg: string, why: string, font?: boolean }>} */
const SYSTEM_DEPS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium', why: 'end-to-end tests and bench:join drive real Chromium' },
  { bin: '/usr/bin/turnserver', pkg: 'coturn', why: 'TURN tests run a real coturn' },
  { bin: '/bin/ip', pkg: 'iproute2', why: 'the TURN test puts each browser in its own network namespace' },
  { bin: '/usr/bin/redis-server', pkg: 'redis-server', why: 'multi-node tests run a real Redis' },
  { bin: '/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf', pkg: 'fonts-nanum', why: 'the Korean UI tests and screenshots need Hangul glyphs', font: true },
  { bin: '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf', pkg: 'fonts-noto-color-emoji', why: 'reactions and raised hands are emoji', font: true },
];

function isPresent(dep) {
  try {
    accessSync(dep.bin, dep.font ? constants.R_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command, args) {
  console.log(`ensure-test-deps: $ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${result.status ?? result.signal}`);
  }
}

function main() {
  const missing = SYSTEM_DEPS.filter((dep) => !isPresent(dep));
  if (missing.length === 0) {
    console.log(`ensure-test-deps: ok (${SYSTEM_DEPS.map((dep) => dep.pkg).join(', ')})`);
    return 0;
  }

  for (const dep of missing) {
    console.error(`ensure-test-deps: ${dep.bin} is missing (package ${dep.pkg}: ${dep.why})`);
  }
  const pkgs = [...new Set(missing.map((dep) => dep.pkg))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  if (!isRoot) {
    console.error('ensure-test-deps: not root, so not installing. Run:');
    console.error(`  sudo apt-get install -y ${pkgs.join(' ')}`);
    return 1;
  }

  try {
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', ...pkgs]);
  } catch (error) {
    console.error(`ensure-test-deps: install failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const stillMissing = missing.filter((dep) => !isPresent(dep));
  if (stillMissing.length > 0) {
    for (const dep of stillMissing) {
      console.error(`ensure-test-deps: ${dep.bin} still missing after installing ${dep.pkg}`);
    }
    return 1;
  }
  console.log(`ensure-test-deps: installed ${pkgs.join(', ')}`);
  return 0;
}

process.exitCode = main();
