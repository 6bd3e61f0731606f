/**
 * Connection quality of one link, from the figures of `getStats()`: `good`, `fair` or `poor`
 * (`unknown` before there are figures). Each figure is graded on its own against the thresholds
 * below, and the link gets the worst grade.
 */
export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

/** The figures a grade is made from. A figure that is not known yet is left out. */
export interface QualityFigures {
  /** Round-trip time of the selected candidate pair, ms. */
  rttMs?: number | undefined;
  /** Packets lost, in percent of the packets expected, over the last few seconds. */
  lossPercent?: number | undefined;
  /** Interarrival jitter of the audio we receive, ms. */
  jitterMs?: number | undefined;
  /** Frames per second decoded from their camera; only when their camera is on. */
  fps?: number | undefined;
}

/** A figure is `good` up to `good`, `fair` up to `fair`, and `poor` beyond (for fps: below). */
export interface Threshold {
  readonly good: number;
  readonly fair: number;
}

/**
 * The thresholds, and why:
 * - RTT: a mouth-to-ear delay under ~150 ms goes unnoticed (ITU-T G.114), so a round trip up to
 *   250 ms is good; past 500 ms people talk over each other.
 * - Loss: Opus and video with NACK/FEC hide a loss of 1–2 %; past 8 % video freezes and speech
 *   breaks up.
 * - Jitter: 30 ms fits in the jitter buffer without adding delay; past 75 ms it adds much delay or drops audio.
 * - Frame rate: 12 fps and more looks fluid in a small tile; under 5 fps it is a slide show. The
 *   adaptive mesh sends at least 15 fps, so a lower rate means the link or the CPU cannot keep up.
 */
export const QUALITY_THRESHOLDS = {
  rttMs: { good: 250, fair: 500 },
  lossPercent: { good: 2, fair: 8 },
  jitterMs: { good: 30, fair: 75 },
  fps: { good: 12, fair: 5 },
} as const satisfies Record<keyof QualityFigures, Threshold>;

const RANK: Record<Exclude<QualityLevel, 'unknown'>, number> = { good: 0, fair: 1, poor: 2 };

function gradeAbove(value: number, { good, fair }: Threshold): Exclude<QualityLevel, 'unknown'> {
  return value <= good ? 'good' : value <= fair ? 'fair' : 'poor';
}

function gradeBelow(value: number, { good, fair }: Threshold): Exclude<QualityLevel, 'unknown'> {
  return value >= good ? 'good' : value >= fair ? 'fair' : 'poor';
}

/** The grade of each known figure. */
export function gradeFigures(figures: QualityFigures): Partial<Record<keyof QualityFigures, Exclude<QualityLevel, 'unknown'>>> {
  const out: Partial<Record<keyof QualityFigures, Exclude<QualityLevel, 'unknown'>>> = {};
  const t = QUALITY_THRESHOLDS;
  if (figures.rttMs !== undefined) out.rttMs = gradeAbove(figures.rttMs, t.rttMs);
  if (figures.lossPercent !== undefined) out.lossPercent = gradeAbove(figures.lossPercent, t.lossPercent);
  if (figures.jitterMs !== undefined) out.jitterMs = gradeAbove(figures.jitterMs, t.jitterMs);
  if (figures.fps !== undefined) out.fps = gradeBelow(figures.fps, t.fps);
  return out;
}

/** The link's grade: the worst of its figures' grades; `unknown` when no figure is known. */
export function classifyQuality(figures: QualityFigures): QualityLevel {
  let worst: QualityLevel = 'unknown';
  for (const grade of Object.values(gradeFigures(figures))) {
    if (worst === 'unknown' || RANK[grade] > RANK[worst]) worst = grade;
  }
  return worst;
}
