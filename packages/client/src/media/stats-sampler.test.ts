import { describe, expect, it } from 'vitest';
import { levelBetween } from './audio-level.js';
import { readStats } from './stats-read.js';
import { StatsSampler } from './stats-sampler.js';

/** A stats report as Chromium gives it, reduced to what is read; counters grow with `t` seconds. */
function report(t: number, { lostPerSecond = 0, audioRms = 0.1 } = {}): Map<string, unknown> {
  const entries: Record<string, unknown>[] = [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
    { id: 'P', type: 'candidate-pair', state: 'succeeded', localCandidateId: 'L', remoteCandidateId: 'R', currentRoundTripTime: 0.042 },
    { id: 'L', type: 'local-candidate', candidateType: 'host', protocol: 'udp', address: '10.0.0.1', port: 5000 },
    { id: 'R', type: 'remote-candidate', candidateType: 'srflx', protocol: 'udp', address: '203.0.113.9', port: 6000 },
    { id: 'CV', type: 'codec', mimeType: 'video/VP8' },
    { id: 'CA', type: 'codec', mimeType: 'audio/opus' },
    {
      id: 'IV', type: 'inbound-rtp', kind: 'video', codecId: 'CV', packetsReceived: 100 * t, packetsLost: lostPerSecond * t,
      bytesReceived: 100_000 * t, framesDecoded: 25 * t, frameWidth: 640, frameHeight: 360, jitter: 0.004,
    },
    {
      id: 'IA', type: 'inbound-rtp', kind: 'audio', codecId: 'CA', packetsReceived: 50 * t, packetsLost: 0,
      bytesReceived: 5_000 * t, jitter: 0.012, totalAudioEnergy: audioRms ** 2 * t, totalSamplesDuration: t,
    },
    { id: 'OV', type: 'outbound-rtp', kind: 'video', codecId: 'CV', bytesSent: 50_000 * t, packetsSent: 60 * t, framesEncoded: 30 * t, frameWidth: 1280, frameHeight: 720, qualityLimitationReason: 'none' },
    { id: 'OA', type: 'outbound-rtp', kind: 'audio', codecId: 'CA', bytesSent: 4_000 * t, packetsSent: 50 * t },
    { id: 'RI', type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.03 },
    { id: 'MS', type: 'media-source', kind: 'audio', totalAudioEnergy: 0.0004 * t, totalSamplesDuration: t },
  ];
  return new Map(entries.map((e) => [e.id as string, e]));
}

describe('readStats', () => {
  it('reads the selected pair, the codecs and the counters', () => {
    const s = readStats(report(2));
    expect(s.rttMs).toBe(42);
    expect(s.pair).toEqual({
      local: { type: 'host', protocol: 'udp', address: '10.0.0.1', port: 5000, relayProtocol: undefined },
      remote: { type: 'srflx', protocol: 'udp', address: '203.0.113.9', port: 6000, relayProtocol: undefined },
      relayed: false,
    });
    expect(s.inVideo).toMatchObject({ packetsReceived: 200, framesDecoded: 50, width: 640, height: 360, codec: 'VP8', jitterMs: 4 });
    expect(s.inAudio.codec).toBe('opus');
    expect(s.remoteFractionLost).toBe(0.03);
  });

  it('an empty report reads as zeros and no pair', () => {
    const s = readStats(new Map());
    expect(s.pair).toBeUndefined();
    expect(s.inVideo.packetsReceived).toBe(0);
  });
});

describe('levelBetween', () => {
  it('is the RMS of the audio between two readings', () => {
    expect(levelBetween({ energy: 0, duration: 0 }, { energy: 0.01 * 2, duration: 2 })).toBeCloseTo(0.1);
  });

  it('is undefined without a previous reading or elapsed audio', () => {
    expect(levelBetween(undefined, { energy: 1, duration: 1 })).toBeUndefined();
    expect(levelBetween({ energy: 1, duration: 1 }, { energy: 1, duration: 1 })).toBeUndefined();
  });
});

describe('StatsSampler', () => {
  it('the first reading has no rates yet; the next ones give fps, bitrate, loss and loudness', () => {
    const sampler = new StatsSampler();
    const first = sampler.push(readStats(report(10)), 10_000);
    expect(first.inbound.fps).toBeUndefined();
    expect(first.audioLevel).toBeUndefined();
    const next = sampler.push(readStats(report(11, { lostPerSecond: 0 })), 11_000);
    expect(next.inbound.fps).toBe(25);
    expect(next.outbound.fps).toBe(30);
    expect(next.inbound.kbps).toBe(840); // (100 000 + 5 000) bytes/s
    expect(next.outbound.kbps).toBe(432);
    expect(next.lossPercent).toBe(0);
    expect(next.rttMs).toBe(42);
    expect(next.jitterMs).toBe(12);
    expect(next.outbound.lossPercent).toBe(3);
    expect(next.audioLevel).toBeCloseTo(0.1);
    expect(next.localAudioLevel).toBeCloseTo(0.02);
  });

  it('loss is the share of packets lost over the window', () => {
    const sampler = new StatsSampler();
    sampler.push(readStats(report(0, { lostPerSecond: 15 })), 0);
    // 150 packets/s arrive (100 video + 50 audio) and 15 are lost: 15 / 165.
    expect(sampler.push(readStats(report(2, { lostPerSecond: 15 })), 2_000).lossPercent).toBe(9.1);
  });

  it('rates cover about the last window, not the whole call', () => {
    const sampler = new StatsSampler(3_000);
    for (let t = 0; t <= 10; t++) sampler.push(readStats(report(t, { lostPerSecond: t < 5 ? 50 : 0 })), t * 1000);
    expect(sampler.push(readStats(report(11)), 11_000).lossPercent).toBe(0);
  });

  it('counters that go backwards (a new connection) start again', () => {
    const sampler = new StatsSampler();
    sampler.push(readStats(report(100)), 100_000);
    const after = sampler.push(readStats(report(1)), 101_000);
    expect(after.inbound.fps).toBeUndefined();
  });
});
