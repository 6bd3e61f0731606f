/** Latency samples and their percentiles (nearest rank), in milliseconds. */

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export class LatencyRecorder {
  private readonly samples: number[] = [];
  private sorted: number[] | undefined;

  record(ms: number): void {
    this.samples.push(ms);
    this.sorted = undefined;
  }

  get count(): number {
    return this.samples.length;
  }

  percentiles(): Percentiles {
    this.sorted ??= [...this.samples].sort((a, b) => a - b);
    const s = this.sorted;
    return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.length > 0 ? s[s.length - 1]! : NaN };
  }
}
