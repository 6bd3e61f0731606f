import type { PeerRoute } from '@confab/client';
import type { MediaState } from '@confab/protocol';

/** The parts of the SDK's RemotePeer a tile shows. Its properties change in place. */
export interface PeerLike {
  readonly id: string;
  readonly name: string;
  readonly media: MediaState;
  readonly stream: MediaStream;
  readonly connectionState: RTCPeerConnectionState;
  /** Direct or through TURN; absent in fakes that do not care. */
  readonly route?: PeerRoute;
}

/**
 * A frozen copy of one peer, for rendering. A new PeerView means something on screen changed;
 * `trackIds` changes when a track arrives, so the tile knows to start playback again.
 */
export interface PeerView {
  readonly id: string;
  readonly name: string;
  readonly audio: boolean;
  readonly video: boolean;
  readonly connectionState: RTCPeerConnectionState;
  /** How you are connected to them: `direct`, `relayed` (TURN), or `unknown` yet. */
  readonly route: PeerRoute;
  readonly stream: MediaStream;
  readonly trackIds: string;
}

export function viewPeer(peer: PeerLike): PeerView {
  return {
    id: peer.id,
    name: peer.name,
    audio: peer.media.audio,
    video: peer.media.video,
    connectionState: peer.connectionState,
    route: peer.route ?? 'unknown',
    stream: peer.stream,
    trackIds: peer.stream
      .getTracks()
      .map((track) => track.id)
      .join(','),
  };
}

function samePeer(a: PeerView, b: PeerView): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.audio === b.audio &&
    a.video === b.video &&
    a.connectionState === b.connectionState &&
    a.route === b.route &&
    a.stream === b.stream &&
    a.trackIds === b.trackIds
  );
}

/**
 * Views of `peers` that reuse `previous` where nothing changed: the same array when no peer
 * changed, and the same PeerView object for each unchanged peer. That is what
 * `useSyncExternalStore` needs from a snapshot, and it lets unchanged tiles skip rendering.
 */
export function viewPeers(peers: Iterable<PeerLike>, previous: readonly PeerView[]): readonly PeerView[] {
  const before = new Map(previous.map((view) => [view.id, view]));
  const next: PeerView[] = [];
  let changed = false;
  for (const peer of peers) {
    const fresh = viewPeer(peer);
    const old = before.get(peer.id);
    const view = old && samePeer(old, fresh) ? old : fresh;
    if (view !== previous[next.length]) changed = true;
    next.push(view);
  }
  return changed || next.length !== previous.length ? next : previous;
}
