import { routeFromStats, selectedPair, stat, statsOf, type Stat, type StatsLike } from '../route.js';

/**
 * Reads one `getStats()` report into the cumulative counters and current values the quality
 * monitor, the speaking indicator and the details panel use. Pure: deltas between two reads are
 * made by the stats sampler.
 */

/** One end of the selected candidate pair. */
export interface CandidateInfo {
  /** `host`, `srflx`, `prflx` or `relay`. */
  type?: string | undefined;
  /** `udp` or `tcp`. */
  protocol?: string | undefined;
  address?: string | undefined;
  port?: number | undefined;
  /** For a relay candidate: how it reaches the TURN server (`udp`, `tcp`, `tls`). */
  relayProtocol?: string | undefined;
}

/** The candidate pair ICE selected: how media goes between the two browsers. */
export interface CandidatePairInfo {
  local: CandidateInfo;
  remote: CandidateInfo;
  /** Through a TURN relay on either end. */
  relayed: boolean;
}

/** Counters of received RTP streams of one kind, summed. */
export interface InboundCounters {
  packetsReceived: number;
  packetsLost: number;
  bytes: number;
  /** Highest interarrival jitter, ms. */
  jitterMs?: number | undefined;
  codec?: string | undefined;
}

export interface InboundVideoCounters extends InboundCounters {
  framesDecoded: number;
  width?: number | undefined;
  height?: number | undefined;
}

/** Sum of squared samples and seconds of audio (`totalAudioEnergy`, `totalSamplesDuration`). */
export interface AudioEnergy {
  energy: number;
  duration: number;
}

export interface OutboundCounters {
  bytes: number;
  packetsSent: number;
  codec?: string | undefined;
}

export interface OutboundVideoCounters extends OutboundCounters {
  framesEncoded: number;
  width?: number | undefined;
  height?: number | undefined;
  /** Why the encoder sends less than it could: `none`, `cpu`, `bandwidth`, `other`. */
  limitation?: string | undefined;
}

export interface StatsSnapshot {
  /** Current round trip of the selected pair, ms. */
  rttMs?: number | undefined;
  pair?: CandidatePairInfo | undefined;
  inAudio: InboundCounters & AudioEnergy;
  inVideo: InboundVideoCounters;
  outAudio: OutboundCounters;
  outVideo: OutboundVideoCounters;
  /** What the other side reports receiving from us (RTCP): the largest fraction lost (0–1). */
  remoteFractionLost?: number | undefined;
  /** The microphone as captured, before sending (`media-source`). */
  source: AudioEnergy;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function maxOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** `video/VP8` → `VP8`. */
function codecOf(report: StatsLike, s: Stat): string | undefined {
  const mime = str(stat(report, s.codecId)?.mimeType);
  return mime?.split('/')[1] ?? mime;
}

function candidate(s: Stat | undefined): CandidateInfo {
  return {
    type: str(s?.candidateType),
    protocol: str(s?.protocol),
    address: str(s?.address) ?? str(s?.ip),
    port: num(s?.port),
    relayProtocol: str(s?.relayProtocol),
  };
}

function readPair(report: StatsLike): { rttMs?: number | undefined; pair?: CandidatePairInfo | undefined } {
  const pair = selectedPair(report);
  if (!pair) return {};
  const rtt = num(pair.currentRoundTripTime);
  return {
    rttMs: rtt === undefined ? undefined : rtt * 1000,
    pair: {
      local: candidate(stat(report, pair.localCandidateId)),
      remote: candidate(stat(report, pair.remoteCandidateId)),
      relayed: routeFromStats(report) === 'relayed',
    },
  };
}

function addInbound(into: InboundCounters, s: Stat, report: StatsLike): void {
  into.packetsReceived += num(s.packetsReceived) ?? 0;
  into.packetsLost += Math.max(0, num(s.packetsLost) ?? 0);
  into.bytes += num(s.bytesReceived) ?? 0;
  const jitter = num(s.jitter);
  into.jitterMs = maxOf(into.jitterMs, jitter === undefined ? undefined : jitter * 1000);
  into.codec ??= codecOf(report, s);
}

export function readStats(report: StatsLike): StatsSnapshot {
  const snapshot: StatsSnapshot = {
    ...readPair(report),
    inAudio: { packetsReceived: 0, packetsLost: 0, bytes: 0, energy: 0, duration: 0 },
    inVideo: { packetsReceived: 0, packetsLost: 0, bytes: 0, framesDecoded: 0 },
    outAudio: { bytes: 0, packetsSent: 0 },
    outVideo: { bytes: 0, packetsSent: 0, framesEncoded: 0 },
    source: { energy: 0, duration: 0 },
  };
  for (const s of statsOf(report, 'inbound-rtp')) {
    if (s.kind === 'audio') {
      addInbound(snapshot.inAudio, s, report);
      snapshot.inAudio.energy += num(s.totalAudioEnergy) ?? 0;
      snapshot.inAudio.duration += num(s.totalSamplesDuration) ?? 0;
    } else if (s.kind === 'video') {
      const v = snapshot.inVideo;
      addInbound(v, s, report);
      v.framesDecoded += num(s.framesDecoded) ?? 0;
      v.width = maxOf(v.width, num(s.frameWidth));
      v.height = maxOf(v.height, num(s.frameHeight));
    }
  }
  for (const s of statsOf(report, 'outbound-rtp')) {
    const out = s.kind === 'video' ? snapshot.outVideo : s.kind === 'audio' ? snapshot.outAudio : undefined;
    if (!out) continue;
    out.bytes += num(s.bytesSent) ?? 0;
    out.packetsSent += num(s.packetsSent) ?? 0;
    out.codec ??= codecOf(report, s);
    if (out === snapshot.outVideo) {
      const v = snapshot.outVideo;
      v.framesEncoded += num(s.framesEncoded) ?? 0;
      v.width = maxOf(v.width, num(s.frameWidth));
      v.height = maxOf(v.height, num(s.frameHeight));
      v.limitation ??= str(s.qualityLimitationReason);
    }
  }
  for (const s of statsOf(report, 'remote-inbound-rtp')) {
    snapshot.remoteFractionLost = maxOf(snapshot.remoteFractionLost, num(s.fractionLost));
  }
  for (const s of statsOf(report, 'media-source')) {
    if (s.kind !== 'audio') continue;
    snapshot.source.energy += num(s.totalAudioEnergy) ?? 0;
    snapshot.source.duration += num(s.totalSamplesDuration) ?? 0;
  }
  return snapshot;
}
