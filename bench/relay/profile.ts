import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCpuProfile, summarizeCpuProfile, type ProfileSummary } from './cpu-profile.js';
import { measureRelay, type RelayParams } from './measure.js';
import type { RelayResult } from './scenario.js';
import type { ServerSpec } from './servers/registry.js';

/**
 * A server under `node --cpu-prof` while it relays the same load as the measured runs (main.ts
 * profiles Confab's). The profile is written when the server exits after SIGTERM and covers its
 * whole life; the relay load dominates it (start-up and connecting take a fraction of a second).
 * Its figures are kept apart from the tables: the profiler slows the server down.
 */

export interface ProfileRun {
  file: string;
  relay: RelayResult;
  summary: ProfileSummary;
}

export async function profileServer(spec: ServerSpec, params: RelayParams, dir: string): Promise<ProfileRun> {
  mkdirSync(dir, { recursive: true });
  const name = `relay-${spec.name}.cpuprofile`;
  const file = join(dir, name);
  rmSync(file, { force: true });
  const relay = await measureRelay(spec, { ...params, probeMs: 0 }, {
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', name],
  });
  if (!existsSync(file)) throw new Error(`${spec.label} exited without writing ${file}`);
  return { file, relay, summary: summarizeCpuProfile(readCpuProfile(file)) };
}
