import type { MediaState, PeerInfo } from '@confab/protocol';
import type { PeerRoute } from './route.js';

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
