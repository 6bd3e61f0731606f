import type { StatsLike } from '../route.js';
import { ActiveSpeakerTracker } from './active-speaker.js';
import { classifyQuality, type QualityLevel } from './quality.js';
import { SendBackoff } from './send-backoff.js';
import { applySendEncoding, type AppliedEncoding } from './send-encoding.js';
import { MAX_BACKOFF, sameEncoding, sendEncoding, type SendEncoding } from './send-policy.js';
import { SpeakingDetector } from './speaking-detector.js';
import { readStats } from './stats-read.js';
import { StatsSampler, type LinkStats } from './stats-sampler.js';

/** The parts of a RemotePeer this manager reads and writes. */
export interface TalkPeer {
  readonly id: string;
  readonly media: { readonly audio: boolean; readonly video: boolean };
  setTalk(change: Partial<TalkState>): void;
}

/** What the room shows of one peer's talk and link, on `RemotePeer`. */
export interface TalkState {
  speaking: boolean;
  quality: QualityLevel;
  stats: LinkStats | undefined;
  /** What our camera's sender to them holds now (`encodings[0]`), read back after each change. */
  sendEncoding: AppliedEncoding | undefined;
}

export type TalkEvents<P> = {
  /** Their speaking indicator lit or went out (`peer.speaking`). */
  peerSpeaking: [P, boolean];
  /** Your own speaking indicator (`room.selfSpeaking`). */
  selfSpeaking: [boolean];
  /** The remote peer the speaker view shows large changed (`room.activeSpeaker`); undefined when nobody spoke yet. */
  activeSpeaker: [P | undefined];
  /** The grade of the link to them changed (`peer.quality`). */
  peerQuality: [P, QualityLevel];
  /** New figures of the link to them, every STATS_POLL_MS while connected (`peer.stats`). */
  peerStats: [P, LinkStats];
};

export interface RoomMediaHost<P extends TalkPeer> {
  peers(): Iterable<P>;
  /** Whether your microphone is on. */
  selfAudio(): boolean;
  /** The sender of your camera to a peer, if any. */
  videoSender(peerId: string): RTCRtpSender | undefined;
  /** Where the events go: the room's emitter. */
  events: { emit<K extends keyof TalkEvents<P>>(event: K, ...args: TalkEvents<P>[K]): void };
}

interface Link {
  readonly sampler: StatsSampler;
  readonly speaking: SpeakingDetector;
  readonly backoff: SendBackoff;
  quality: QualityLevel;
  /** What was last asked of the sender, to skip needless setParameters. */
  asked: SendEncoding | undefined;
  /** setParameters calls on one sender go one at a time. */
  applying: Promise<void>;
}

/**
 * The room's talk and link manager: from each peer's stats poll it drives the speaking
 * indicators, the active speaker, the quality grades and the adaptive mesh (the encoding our
 * camera is sent with to each peer, by room size and that link's back-off).
 */
export class RoomMedia<P extends TalkPeer> {
  private readonly links = new Map<string, Link>();
  private readonly self: SpeakingDetector;
  private readonly active: ActiveSpeakerTracker;
  private closed = false;

  constructor(private readonly host: RoomMediaHost<P>) {
    this.self = new SpeakingDetector((speaking) => host.events.emit('selfSpeaking', speaking));
    this.active = new ActiveSpeakerTracker((id) => host.events.emit('activeSpeaker', id === undefined ? undefined : this.peer(id)));
  }

  get selfSpeaking(): boolean {
    return this.self.speaking;
  }

  get activeSpeakerId(): string | undefined {
    return this.active.active;
  }

  /** A stats report of the connection to `peer`. */
  handleStats(peer: P, report: StatsLike, now = Date.now()): void {
    if (this.closed) return;
    const link = this.link(peer);
    const stats = link.sampler.push(readStats(report), now);
    peer.setTalk({ stats });
    this.host.events.emit('peerStats', peer, stats);

    if (stats.audioLevel !== undefined) {
      const level = peer.media.audio ? stats.audioLevel : 0;
      if (peer.media.audio) link.speaking.push(level);
      else link.speaking.reset();
      this.active.update(peer.id, level, link.speaking.speaking);
    }
    if (stats.localAudioLevel !== undefined) {
      if (this.host.selfAudio()) this.self.push(stats.localAudioLevel);
      else this.self.reset();
    }

    const quality = classifyQuality({
      rttMs: stats.rttMs,
      lossPercent: stats.lossPercent,
      jitterMs: stats.jitterMs,
      fps: peer.media.video ? stats.inbound.fps : undefined,
    });
    if (quality !== link.quality) {
      link.quality = quality;
      peer.setTalk({ quality });
      this.host.events.emit('peerQuality', peer, quality);
    }

    // Back-off follows how our media reaches them: their RTCP loss report, else ours of theirs.
    const sending = classifyQuality({ rttMs: stats.rttMs, lossPercent: stats.outbound.lossPercent ?? stats.lossPercent });
    link.backoff.update(sending, now);
    // Checked at every poll (setParameters runs only when the encoding differs from the last one
    // asked): a back-off step, a sender that got its track late, another camera all show up here.
    this.applyEncoding(peer);
  }

  /** The connection to `peer` is up: its sender gets the encoding for the room's size. */
  handleConnected(peer: P): void {
    if (this.closed) return;
    this.link(peer).asked = undefined;
    this.applyEncoding(peer);
  }

  /** Someone joined or left: every sender gets the encoding for the new size. */
  handleRoomSize(): void {
    if (this.closed) return;
    for (const peer of this.host.peers()) this.applyEncoding(peer);
  }

  /** They left, or their connection was replaced (`keepBackoff`). */
  removePeer(peerId: string, { keepBackoff = false } = {}): void {
    const link = this.links.get(peerId);
    if (!link) return;
    if (keepBackoff) {
      link.speaking.reset();
      link.sampler.reset();
      link.asked = undefined;
      return;
    }
    link.speaking.close();
    this.links.delete(peerId);
    this.active.remove(peerId);
  }

  close(): void {
    this.closed = true;
    for (const link of this.links.values()) link.speaking.close();
    this.links.clear();
    this.self.close();
  }

  private link(peer: P): Link {
    let link = this.links.get(peer.id);
    if (!link) {
      link = {
        sampler: new StatsSampler(),
        speaking: new SpeakingDetector((speaking) => {
          peer.setTalk({ speaking });
          this.host.events.emit('peerSpeaking', peer, speaking);
        }),
        backoff: new SendBackoff(MAX_BACKOFF),
        quality: 'unknown',
        asked: undefined,
        applying: Promise.resolve(),
      };
      this.links.set(peer.id, link);
    }
    return link;
  }

  private peer(id: string): P | undefined {
    for (const peer of this.host.peers()) if (peer.id === id) return peer;
    return undefined;
  }

  private peopleCount(): number {
    let count = 1;
    for (const _ of this.host.peers()) count++;
    return count;
  }

  private applyEncoding(peer: P): void {
    const sender = this.host.videoSender(peer.id);
    const track = sender?.track;
    if (!sender || !track) return;
    const link = this.link(peer);
    const encoding = sendEncoding(this.peopleCount(), link.backoff.step, sourceHeight(track));
    if (sameEncoding(link.asked, encoding)) return;
    link.asked = encoding;
    link.applying = link.applying.then(async () => {
      if (this.closed) return;
      try {
        peer.setTalk({ sendEncoding: await applySendEncoding(sender, encoding) });
      } catch (err) {
        link.asked = undefined; // try again at the next change
        if (!this.closed) console.warn(`[confab] could not set the video encoding for peer ${peer.id}:`, err);
      }
    });
  }
}

/** The height the camera captures, when the track says. */
function sourceHeight(track: MediaStreamTrack): number | undefined {
  try {
    return track.getSettings().height;
  } catch {
    return undefined; // a track that cannot tell: the policy assumes 720p
  }
}
