import type { MediaState, PeerInfo } from '@confab/protocol';
import type { PeerRoute } from './route.js';
import type { TalkState } from './media/room-media.js';
import type { QualityLevel } from './media/quality.js';
import type { LinkStats } from './media/stats-sampler.js';
import type { AppliedEncoding } from './media/send-encoding.js';

/**
 * Another person in the room. `stream` holds the tracks received from them: attach it to a
 * `<video>`'s `srcObject`. Tracks are added to it as they arrive (see the room's `track` event)
 * and stopped when the peer leaves or the room closes. Properties change in place; the room's
 * `peerUpdated` and `peerState` events say when.
 */
export class RemotePeer {
  readonly id: string;
  readonly stream: MediaStream;
  private info: PeerInfo;
  private state: RTCPeerConnectionState = 'new';
  private currentRoute: PeerRoute = 'unknown';
  private talk: TalkState = { speaking: false, quality: 'unknown', stats: undefined, sendEncoding: undefined };

  /** @internal Created by the Room. */
  constructor(info: PeerInfo) {
    this.id = info.id;
    this.info = info;
    this.stream = new MediaStream();
  }

  get name(): string {
    return this.info.name;
  }

  /** Whether they say their microphone and camera are on. */
  get media(): MediaState {
    return this.info.media;
  }

  /** The state of the peer connection to them. */
  get connectionState(): RTCPeerConnectionState {
    return this.state;
  }

  /**
   * How media reaches them: `direct` (peer to peer), `relayed` (through TURN, on your side or
   * theirs), or `unknown` before the connection is up. The room's `peerRoute` event says when it changes.
   */
  get route(): PeerRoute {
    return this.currentRoute;
  }

  /** Whether their speaking indicator is lit (the room's `peerSpeaking` event says when it changes). */
  get speaking(): boolean {
    return this.talk.speaking;
  }

  /** The grade of the connection to them: `good`, `fair`, `poor`, or `unknown` yet (`peerQuality`). */
  get quality(): QualityLevel {
    return this.talk.quality;
  }

  /** The latest figures of the connection to them (`peerStats`), for a details panel. */
  get stats(): LinkStats | undefined {
    return this.talk.stats;
  }

  /** What our camera's sender to them holds now (`encodings[0]`): the adaptive mesh's choice. */
  get sendEncoding(): AppliedEncoding | undefined {
    return this.talk.sendEncoding;
  }

  /** @internal */
  setTalk(change: Partial<TalkState>): void {
    this.talk = { ...this.talk, ...change };
  }

  /** @internal */
  setRoute(route: PeerRoute): void {
    this.currentRoute = route;
  }

  /** @internal */
  update(info: PeerInfo): void {
    this.info = info;
  }

  /** @internal */
  setConnectionState(state: RTCPeerConnectionState): void {
    this.state = state;
  }

  /** @internal Adds a received track; returns false if the stream already had it. */
  addTrack(track: MediaStreamTrack): boolean {
    if (this.stream.getTrackById(track.id)) return false;
    this.stream.addTrack(track);
    return true;
  }

  /** @internal Stops and removes every received track. */
  stopTracks(): void {
    for (const track of this.stream.getTracks()) {
      track.stop();
      this.stream.removeTrack(track);
    }
  }
}
