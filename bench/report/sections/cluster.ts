import { int, ms, ratio, table, times } from '../markdown.js';
import { list, num, str, type Json } from '../read.js';
import type { Section } from './section.js';

/** bench:cluster: what crossing nodes through Redis adds to a relayed signal. */

const signed = (n: number | undefined) => (n === undefined ? '–' : `${n >= 0 ? '+' : '−'}${ms(Math.abs(n))}`);

export const clusterSection: Section = {
  name: 'cluster',
  title: 'Cluster: two nodes over Redis',
  command: 'npm run bench:cluster',
  about:
    'Two built Confab nodes share a real Redis (`REDIS_URL`). Round trips of an ICE-candidate signal between two peers ' +
    'on the same node and on different nodes, one at a time; then relay throughput with every pair on one node, and with ' +
    'every pair split across the two nodes (each side echoing, a fixed number in flight).',
  render(result: Json) {
    const latency = list(result, 'latency');
    const throughput = list(result, 'throughput');
    const same = latency[0];
    const cross = latency[1];
    const one = num(throughput[0], 'messagesPerSecond');
    const two = num(throughput[1], 'messagesPerSecond');
    const markdown = [
      `Settings: ${int(num(result, 'settings', 'ROUND_TRIPS'))} round trips per latency run; ` +
        `${int(num(result, 'settings', 'PAIRS'))} pairs × ${int(num(result, 'settings', 'IN_FLIGHT'))} in flight for ${int(num(result, 'settings', 'THROUGHPUT_SECONDS'))} s per throughput run.`,
      '',
      table(
        ['round trip', 'p50 ms', 'p99 ms', 'samples'],
        latency.map((l) => [str(l, 'label') ?? '?', ms(num(l, 'p50')), ms(num(l, 'p99')), int(num(l, 'n'))]),
      ),
      '',
      `Across nodes against the same node: p50 ${signed(num(result, 'added', 'p50'))} ms (${times(ratio(num(cross, 'p50'), num(same, 'p50')))}), ` +
        `p99 ${signed(num(result, 'added', 'p99'))} ms. The p99 of a few thousand round trips on a shared machine is noisy; the p50 is the figure.`,
      '',
      table(['relay', 'messages/s'], throughput.map((t) => [str(t, 'label') ?? '?', int(num(t, 'messagesPerSecond'))])),
      '',
      `Split across two nodes, throughput is ${times(ratio(two, one))} that of one node in Redis mode (same run, same machine: ` +
        'both nodes and Redis share its CPUs).',
    ].join('\n');
    return { markdown, charts: [] };
  },
};
