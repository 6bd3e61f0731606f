import { levelBetween } from './audio-level.js';
import type { CandidatePairInfo, StatsSnapshot } from './stats-read.js';

/** Rates (frame rate, bit rate, loss) are measured over about this much of the recent past. */
export const STATS_WINDOW_MS = 3_000;

export interface StreamFigures {
  /** Frames per second, over the window. */
  fps?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
  /** Bits per second, audio and video together, over the window, in kbit/s. */
  kbps?: number | undefined;
  videoCodec?: string | undefined;
  audioCodec?: string | undefined;
}

/** The figures of one link, for the quality grade and the details panel. */
export interface LinkStats {
  /** When these figures were read (`Date.now()`). */
  at: number;
  rttMs?: number | undefined;
  /** Packets of theirs lost on the way to us, percent, over the window. */
  lossPercent?: number | undefined;
  /** Interarrival jitter of their audio (of their video when no audio comes), ms. */
  jitterMs?: number | undefined;
  inbound: StreamFigures;
  outbound: StreamFigures & {
    /** Packets of ours lost on the way to them, percent, as their RTCP reports say. */
    lossPercent?: number | undefined;
    /** Why our encoder holds back: `cpu`, `bandwidth`, `other`, or `none`. */
    limitation?: string | undefined;
  };
  pair?: CandidatePairInfo | undefined;
  /** Their loudness since the previous reading, 0–1 RMS. */
  audioLevel?: number | undefined;
  /** Our microphone's loudness since the previous reading, 0–1 RMS. */
  localAudioLevel?: number | undefined;
}

interface Entry {
  at: number;
  snapshot: StatsSnapshot;
}

function rate(delta: number, seconds: number): number | undefined {
  return seconds > 0 && delta >= 0 ? delta / seconds : undefined;
}

const round = (value: number | undefined, digits = 1): number | undefined =>
  value === undefined ? undefined : Number(value.toFixed(digits));

/**
 * Turns successive readings of one peer connection's stats into figures: rates over the last
 * STATS_WINDOW_MS, loudness since the previous reading. Counters that go backwards (a new peer
 * connection) start the history again.
 */
export class StatsSampler {
  private history: Entry[] = [];

  constructor(private readonly windowMs = STATS_WINDOW_MS) {}

  push(snapshot: StatsSnapshot, at: number): LinkStats {
    const last = this.history.at(-1);
    if (last && wentBack(last.snapshot, snapshot)) this.history = [];
    this.history.push({ at, snapshot });
    // Keep the newest entry at least windowMs old, as the base of the rates.
    while (this.history.length > 2 && this.history[1]!.at <= at - this.windowMs) this.history.shift();
    const base = this.history.length > 1 ? this.history[0] : undefined;
    const previous = this.history.length > 1 ? this.history.at(-2) : undefined;
    return figures(snapshot, at, base, previous);
  }

  reset(): void {
    this.history = [];
  }
}

function wentBack(before: StatsSnapshot, after: StatsSnapshot): boolean {
  return (
    after.inVideo.packetsReceived < before.inVideo.packetsReceived ||
    after.inAudio.packetsReceived < before.inAudio.packetsReceived ||
    after.outVideo.bytes < before.outVideo.bytes
  );
}

function figures(now: StatsSnapshot, at: number, base: Entry | undefined, previous: Entry | undefined): LinkStats {
  const seconds = base ? (at - base.at) / 1000 : 0;
  const b = base?.snapshot;
  let lossPercent: number | undefined;
  let inbound: StreamFigures = {};
  let outbound: StreamFigures = {};
  if (b) {
    const lost = now.inVideo.packetsLost + now.inAudio.packetsLost - b.inVideo.packetsLost - b.inAudio.packetsLost;
    const received =
      now.inVideo.packetsReceived + now.inAudio.packetsReceived - b.inVideo.packetsReceived - b.inAudio.packetsReceived;
    if (received + lost > 0 && lost >= 0) lossPercent = (100 * lost) / (received + lost);
    const inBytes = now.inVideo.bytes + now.inAudio.bytes - b.inVideo.bytes - b.inAudio.bytes;
    const outBytes = now.outVideo.bytes + now.outAudio.bytes - b.outVideo.bytes - b.outAudio.bytes;
    inbound = {
      fps: round(rate(now.inVideo.framesDecoded - b.inVideo.framesDecoded, seconds)),
      kbps: round(rate((inBytes * 8) / 1000, seconds), 0),
    };
    outbound = {
      fps: round(rate(now.outVideo.framesEncoded - b.outVideo.framesEncoded, seconds)),
      kbps: round(rate((outBytes * 8) / 1000, seconds), 0),
    };
  }
  const remoteLoss = now.remoteFractionLost;
  return {
    at,
    rttMs: round(now.rttMs),
    lossPercent: round(lossPercent),
    // Audio's: video packets of one frame leave in a burst, which inflates the video figure
    // (30–50 ms on a healthy link) while playout is not affected.
    jitterMs: round(now.inAudio.jitterMs ?? now.inVideo.jitterMs),
    inbound: {
      ...inbound,
      width: now.inVideo.width,
      height: now.inVideo.height,
      videoCodec: now.inVideo.codec,
      audioCodec: now.inAudio.codec,
    },
    outbound: {
      ...outbound,
      width: now.outVideo.width,
      height: now.outVideo.height,
      videoCodec: now.outVideo.codec,
      audioCodec: now.outAudio.codec,
      lossPercent: round(remoteLoss === undefined ? undefined : remoteLoss * 100),
      limitation: now.outVideo.limitation,
    },
    pair: now.pair,
    audioLevel: round(levelBetween(previous?.snapshot.inAudio, now.inAudio), 4),
    localAudioLevel: round(levelBetween(previous?.snapshot.source, now.source), 4),
  };
}
