/**
 * `npm run bench:cluster`: what crossing nodes through Redis adds to a relayed signal.
 * Same-node and cross-node pairs are measured in one run, then relay throughput with 1 and 2 nodes.
 *
 * Usage: npm run bench:cluster -- [--round-trips N] [--seconds S] [--pairs N] [--inflight N] [--out FILE]
 * (the environment variables ROUND_TRIPS, THROUGHPUT_SECONDS, PAIRS, IN_FLIGHT still set the defaults).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RedisServer } from '../../packages/server/test/redis-server.js';
import { updateReportFor } from '../report/index.js';
import { machineInfo, REPO_ROOT } from '../report/machine.js';
import { startNode } from './node-process.js';
import { Pair, percentile } from './pair.js';

function positive(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag} must be a positive number, got "${raw}"`);
  return n;
}

const { values: flags } = parseArgs({
  options: {
    'round-trips': { type: 'string', default: process.env.ROUND_TRIPS ?? '3000' },
    seconds: { type: 'string', default: process.env.THROUGHPUT_SECONDS ?? '5' },
    pairs: { type: 'string', default: process.env.PAIRS ?? '20' },
    inflight: { type: 'string', default: process.env.IN_FLIGHT ?? '8' },
    out: { type: 'string', default: resolve(REPO_ROOT, 'bench/results/cluster.json') },
  },
});
const ROUND_TRIPS = Math.round(positive(flags['round-trips'], 'round-trips'));
const THROUGHPUT_SECONDS = positive(flags.seconds, 'seconds');
const PAIRS = Math.round(positive(flags.pairs, 'pairs'));
const IN_FLIGHT = Math.round(positive(flags.inflight, 'inflight'));
const OUT = resolve(flags.out);
const LIMITS = { RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000', MAX_CONNECTIONS_PER_IP: '100000' };

async function latency(portA: number, portB: number, label: string) {
  const pair = await Pair.open(`ws://127.0.0.1:${portA}/ws`, `ws://127.0.0.1:${portB}/ws`, `lat-${label.replace(/\W+/g, "-")}`);
  await pair.pingPong(200); // warm-up
  const rtts = await pair.pingPong(ROUND_TRIPS);
  pair.close();
  return { label, p50: percentile(rtts, 50), p99: percentile(rtts, 99), n: rtts.length };
}

async function throughput(ports: number[], label: string) {
  const pairs = await Promise.all(
    Array.from({ length: PAIRS }, (_, i) =>
      Pair.open(`ws://127.0.0.1:${ports[i % ports.length]}/ws`, `ws://127.0.0.1:${ports[(i + 1) % ports.length]}/ws`, `tp-${label.replace(/\W+/g, "-")}-${i}`),
    ),
  );
  const counts = await Promise.all(pairs.map((p) => p.blast(IN_FLIGHT, THROUGHPUT_SECONDS * 1000)));
  for (const p of pairs) p.close();
  const total = counts.reduce((a, b) => a + b, 0);
  return { label, messagesPerSecond: Math.round(total / THROUGHPUT_SECONDS) };
}

async function main() {
  const redis = await RedisServer.start();
  const env = { ...LIMITS, REDIS_URL: redis.url, REDIS_PREFIX: `bench${Date.now()}:` };
  const a = await startNode(env);
  const b = await startNode(env);
  try {
    console.error(`latency: ${ROUND_TRIPS} round trips per pair…`);
    const same = await latency(a.port, a.port, 'same node');
    const cross = await latency(a.port, b.port, 'across nodes');
    console.error(`throughput: ${PAIRS} pairs × ${IN_FLIGHT} in flight for ${THROUGHPUT_SECONDS} s…`);
    const oneNode = await throughput([a.port], '1 node (Redis mode)');
    const twoNodes = await throughput([a.port, b.port], '2 nodes, every pair split');
    const result = {
      benchmark: 'cluster',
      date: new Date().toISOString(),
      machine: machineInfo(),
      settings: { ROUND_TRIPS, THROUGHPUT_SECONDS, PAIRS, IN_FLIGHT },
      latency: [same, cross],
      added: { p50: +(cross.p50 - same.p50).toFixed(3), p99: +(cross.p99 - same.p99).toFixed(3) },
      throughput: [oneNode, twoNodes],
    };
    console.table(result.latency);
    console.log('added by crossing nodes (ms):', result.added);
    console.table(result.throughput);
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${OUT}`);
  } finally {
    a.stop();
    b.stop();
    await redis.stop();
  }
  await updateReportFor(OUT);
}

await main();
