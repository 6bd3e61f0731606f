/**
 * `npm run bench:load`: confab-load against the built server on this machine — people joining
 * rooms of 4, negotiating (4 KB offers and answers, 10 candidates each way), churning — and the
 * join and relay latencies it sees, with the verdict on lost or duplicated signals.
 *
 * The server and the tool share the machine's CPUs, so this is the server's behaviour under a
 * known load, not its capacity. Writes bench/results/load.json.
 *
 * Usage: npm run bench:load -- [--peers N] [--rooms N] [--duration S] [--churn R] [--out FILE]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad } from '../packages/load/src/run.js';
import { startServer } from '../e2e/harness/server.js';
import { updateReportFor } from './report/index.js';
import { machineInfo, REPO_ROOT } from './report/machine.js';

/** All simulated people come from one address and negotiate in bursts: the per-address and per-connection defaults would refuse them. */
const SERVER_LIMITS = { MAX_CONNECTIONS_PER_IP: '100000', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000', MAX_PEERS: '4' };

const { values } = parseArgs({
  options: {
    peers: { type: 'string', default: '200' },
    rooms: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    churn: { type: 'string', default: '10' },
    rate: { type: 'string', default: '100' },
    out: { type: 'string', default: resolve(REPO_ROOT, 'bench/results/load.json') },
  },
});
const out = resolve(values.out);

const server = await startServer({ ...SERVER_LIMITS, STATIC_DIR: '', LOG_LEVEL: 'info' });
let exitCode = 1;
try {
  const url = `${server.url.replace(/^http/, 'ws')}/ws`;
  const args = ['--url', url, '--peers', values.peers, '--rooms', values.rooms, '--duration', values.duration, '--churn', values.churn, '--rate', values.rate];
  const outcome = await runLoad(args, { stdout: process.stdout, stderr: process.stderr });
  exitCode = outcome.exitCode;
  if (outcome.report) {
    const result = { benchmark: 'load', machine: machineInfo(), serverEnv: SERVER_LIMITS, ...outcome.report };
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${out}`);
  }
} finally {
  await server.stop();
}
if (exitCode === 0) await updateReportFor(out);
process.exitCode = exitCode;
