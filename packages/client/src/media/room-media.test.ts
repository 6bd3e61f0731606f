import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_AFTER_MS } from './send-backoff.js';
import { sendEncoding } from './send-policy.js';
import { RoomMedia, type TalkEvents, type TalkPeer, type TalkState } from './room-media.js';

class Peer implements TalkPeer {
  talk: Partial<TalkState> = {};
  constructor(
    readonly id: string,
    public media = { audio: true, video: true },
  ) {}
  setTalk(change: Partial<TalkState>): void {
    this.talk = { ...this.talk, ...change };
  }
}

/** A sender as RoomMedia uses it: parameters kept, a 720p camera track. */
function fakeSender() {
  let params = { encodings: [{}] as Record<string, unknown>[] };
  return {
    track: { getSettings: () => ({ height: 720 }) },
    getParameters: () => structuredClone(params),
    setParameters: async (next: typeof params) => {
      params = structuredClone(next);
    },
  };
}

/** A stats report at `t` seconds: audio at `rms`, a round trip of `rttMs`, `lost` packets in all. */
function report(t: number, { rms = 0, rttMs = 20, lost = 0 } = {}): Map<string, unknown> {
  const entries: Record<string, unknown>[] = [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
    { id: 'P', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R', currentRoundTripTime: rttMs / 1000 },
    { id: 'L', type: 'local-candidate', candidateType: 'host' },
    { id: 'R', type: 'remote-candidate', candidateType: 'host' },
    { id: 'IA', type: 'inbound-rtp', kind: 'audio', packetsReceived: 50 * t, packetsLost: lost, totalAudioEnergy: rms ** 2 * t, totalSamplesDuration: t },
    { id: 'IV', type: 'inbound-rtp', kind: 'video', packetsReceived: 100 * t, packetsLost: 0, framesDecoded: 30 * t },
    { id: 'MS', type: 'media-source', kind: 'audio', totalAudioEnergy: rms ** 2 * t, totalSamplesDuration: t },
  ];
  return new Map(entries.map((e) => [e.id as string, e]));
}

/** An event as the emitter got it: its name, then its arguments. */
type Event = [keyof TalkEvents<Peer>, ...unknown[]];

function setup(peers: Peer[]) {
  const events: Event[] = [];
  const senders = new Map(peers.map((p) => [p.id, fakeSender()]));
  const media = new RoomMedia<Peer>({
    peers: () => peers,
    selfAudio: () => true,
    videoSender: (id) => senders.get(id) as unknown as RTCRtpSender | undefined,
    events: {
      emit<K extends keyof TalkEvents<Peer>>(name: K, ...args: TalkEvents<Peer>[K]) {
        events.push([name, ...args]);
      },
    },
  });
  return { media, events, senders, of: (name: Event[0]) => events.filter((e) => e[0] === name) };
}

describe('RoomMedia', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a loud peer lights their speaking indicator and becomes the active speaker; a muted one does not', () => {
    const ann = new Peer('ann');
    const bob = new Peer('bob', { audio: false, video: true });
    const { media, of } = setup([ann, bob]);
    media.handleStats(ann, report(1, { rms: 0.3 }), 1_000);
    media.handleStats(bob, report(1, { rms: 0.3 }), 1_000);
    media.handleStats(ann, report(2, { rms: 0.3 }), 2_000);
    media.handleStats(bob, report(2, { rms: 0.3 }), 2_000);
    expect(of('peerSpeaking')).toEqual([['peerSpeaking', ann, true]]);
    expect(ann.talk.speaking).toBe(true);
    expect(of('activeSpeaker')).toEqual([['activeSpeaker', ann]]);
    expect(media.activeSpeakerId).toBe('ann');
    // Our own microphone, from the media-source stats.
    expect(of('selfSpeaking')).toEqual([['selfSpeaking', true]]);
  });

  it('emits every poll’s figures, and the grade only when it changes', () => {
    const ann = new Peer('ann');
    const { media, of } = setup([ann]);
    media.handleStats(ann, report(1), 1_000);
    media.handleStats(ann, report(2), 2_000);
    media.handleStats(ann, report(3, { rttMs: 900 }), 3_000);
    expect(of('peerStats')).toHaveLength(3);
    expect(of('peerQuality')).toEqual([
      ['peerQuality', ann, 'good'],
      ['peerQuality', ann, 'poor'],
    ]);
    expect(ann.talk.stats?.rttMs).toBe(900);
  });

  it('each sender gets the encoding for the room size when connected, and again when the room grows', async () => {
    const peers = [new Peer('ann')];
    const { media } = setup(peers);
    media.handleConnected(peers[0]!);
    await vi.runAllTimersAsync();
    expect(peers[0]!.talk.sendEncoding).toEqual(sendEncoding(2));
    peers.push(new Peer('bob'));
    media.handleRoomSize();
    await vi.runAllTimersAsync();
    expect(peers[0]!.talk.sendEncoding).toEqual(sendEncoding(3));
  });

  it('a link poor for BACKOFF_AFTER_MS backs off its own sender only', async () => {
    const ann = new Peer('ann');
    const bob = new Peer('bob');
    const { media } = setup([ann, bob]);
    media.handleConnected(ann);
    media.handleConnected(bob);
    for (let t = 0; t <= BACKOFF_AFTER_MS / 1000; t++) {
      media.handleStats(ann, report(t, { rttMs: 900 }), t * 1000);
      media.handleStats(bob, report(t), t * 1000);
    }
    await vi.runAllTimersAsync();
    expect(ann.talk.sendEncoding?.maxBitrate).toBe(sendEncoding(3, 1).maxBitrate);
    expect(bob.talk.sendEncoding).toEqual(sendEncoding(3));
  });
});
