import { useSpeaker } from '../hooks/useSpeaker.js';
import type { TalkView } from '../hooks/useTalk.js';
import { useHeldFor } from '../hooks/useHeldFor.js';
import { useStreamVideo } from '../hooks/useStreamVideo.js';
import type { AutoplayGuard } from '../lib/autoplay-guard.js';
import { markFirstRemoteFrame } from '../lib/marks.js';
import type { PeerView } from '../lib/peer-views.js';
import { CONNECTING_NOTE_DELAY_MS, tileNote, tilePending } from '../lib/tile-note.js';
import { RouteBadge } from './RouteBadge.js';
import { QualityIndicator } from './QualityIndicator.js';
import type { QualityLevel } from '@confab/client';
import { Tile } from './Tile.js';
import { useT } from '../i18n/i18n-context.js';

/** Someone else's tile. Its `<video>` also plays their sound. */
export interface RemoteTileTalk {
  speaking: boolean;
  large: boolean;
  quality: QualityLevel;
  /** Opens the connection details of this person. */
  onShowDetails: () => void;
}

/** A tile's talk from the room's talk view. */
export function tileTalk(view: TalkView, peerId: string, large: boolean, showDetails: (peerId: string) => void): RemoteTileTalk {
  return {
    speaking: view.speaking.has(peerId),
    large,
    quality: view.quality.get(peerId) ?? 'unknown',
    onShowDetails: () => showDetails(peerId),
  };
}

export function RemoteTile({ peer, guard, talk }: { peer: PeerView; guard: AutoplayGuard; talk?: RemoteTileTalk }) {
  const t = useT();
  const { ref, hasFrame } = useStreamVideo({
    stream: peer.stream,
    muted: false,
    trackKey: peer.trackIds,
    guard,
    onFirstFrame: markFirstRemoteFrame,
  });
  useSpeaker(ref);
  const waitedLong = useHeldFor(tilePending(peer, hasFrame), CONNECTING_NOTE_DELAY_MS);
  const note = tileNote(peer, hasFrame, waitedLong);
  return (
    <Tile
      peerId={peer.id}
      name={peer.name}
      self={false}
      audio={peer.audio}
      video={peer.video}
      videoRef={ref}
      speaking={talk?.speaking ?? false}
      large={talk?.large ?? false}
      overlay={
        <>
          {note && (
            <div className="tile-overlay" role="status">
              <span className="spinner" aria-hidden="true" />
              {t(note)}
            </div>
          )}
          <RouteBadge route={peer.route} />
          {talk && <QualityIndicator quality={talk.quality} name={peer.name} onOpen={talk.onShowDetails} />}
        </>
      }
    />
  );
}
