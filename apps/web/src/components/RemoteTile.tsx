import { useStreamVideo } from '../hooks/useStreamVideo.js';
import type { AutoplayGuard } from '../lib/autoplay-guard.js';
import { markFirstRemoteFrame } from '../lib/marks.js';
import type { PeerView } from '../lib/peer-views.js';
import { RouteBadge } from './RouteBadge.js';
import { Tile } from './Tile.js';

/** What to say over a tile while its picture or connection is not there yet; null once it is. */
function connectionNote(peer: PeerView, hasFrame: boolean): string | null {
  if (peer.connectionState === 'failed') return 'Could not connect';
  if (peer.connectionState === 'disconnected') return 'Reconnecting…';
  if (peer.video) return hasFrame ? null : 'Connecting…';
  return peer.connectionState === 'connected' ? null : 'Connecting…';
}

/** Someone else's tile. Its `<video>` also plays their sound. */
export function RemoteTile({ peer, guard }: { peer: PeerView; guard: AutoplayGuard }) {
  const { ref, hasFrame } = useStreamVideo({
    stream: peer.stream,
    muted: false,
    trackKey: peer.trackIds,
    guard,
    onFirstFrame: markFirstRemoteFrame,
  });
  const note = connectionNote(peer, hasFrame);
  return (
    <Tile
      peerId={peer.id}
      name={peer.name}
      self={false}
      audio={peer.audio}
      video={peer.video}
      videoRef={ref}
      overlay={
        <>
          {note && (
            <div className="tile-overlay" role="status">
              <span className="spinner" aria-hidden="true" />
              {note}
            </div>
          )}
          <RouteBadge route={peer.route} />
        </>
      }
    />
  );
}
