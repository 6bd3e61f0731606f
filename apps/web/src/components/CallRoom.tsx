import type { Room } from '@confab/client';
import { useEffect, useMemo, useState } from 'react';
import { RoomProvider } from '../hooks/room-context.js';
import { useAutoplayGuard } from '../hooks/useAutoplayGuard.js';
import { useRoomPeers } from '../hooks/useRoomPeers.js';
import { useSelfMedia } from '../hooks/useSelfMedia.js';
import { useMediaShortcuts } from '../hooks/useMediaShortcuts.js';
import { usePageReturn } from '../hooks/usePageReturn.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import type { ShortcutAction } from '../lib/shortcuts.js';
import { hasTrack } from '../lib/media-streams.js';
import { CallControls } from './CallControls.js';
import { RemoteTile, tileTalk } from './RemoteTile.js';
import { SelfTile } from './SelfTile.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { StatsPanel } from './StatsPanel.js';
import { TapToUnmute } from './TapToUnmute.js';
import { useTalk } from '../hooks/useTalk.js';
import { useT } from '../i18n/i18n-context.js';

export interface CallRoomProps {
  room: Room;
  stream: MediaStream | null;
  peerName: string;
  onHangUp: () => void;
}

/** A direct call in progress: the same tiles as a room (speaking, quality and its details), and Hang up. */
export function CallRoom({ room, stream, peerName, onHangUp }: CallRoomProps) {
  const t = useT();
  const peers = useRoomPeers(room);
  const [media, setMedia] = useSelfMedia(room);
  const { guard, blocked } = useAutoplayGuard();
  const canAudio = hasTrack(stream, 'audio');
  const canVideo = hasTrack(stream, 'video');
  const [helpOpen, setHelpOpen] = useState(false);
  const talk = useTalk(room);
  const [detailsFor, setDetailsFor] = useState<string | null>(null);
  // Back from the background: restart ICE on a call that dropped meanwhile; the signaling
  // connection recovers on its own (it probes on `online` and reconnects with resume).
  const recoverable = useMemo(() => ({ checkConnection: () => room.recover() }), [room]);
  usePageReturn(recoverable);
  const mediaKeys = useMediaShortcuts(media, setMedia, canAudio, canVideo);
  useShortcuts({ ...mediaKeys.handlers, leave: onHangUp, help: () => setHelpOpen(true) });
  const available = new Set<ShortcutAction>(['leave', 'help', ...(canAudio ? ['microphone' as const] : []), ...(canVideo ? ['camera' as const] : [])]);

  useEffect(() => {
    const before = document.title;
    document.title = t('calls.documentTitle', { name: peerName });
    return () => {
      document.title = before;
    };
  }, [peerName, t]);

  return (
    <RoomProvider room={room}>
      <div className="room">
        <header className="room-header">
          <h1 className="room-name">{t('calls.callWith', { name: peerName })}</h1>
          <p className="status" role="status">
            {peers.length === 0 ? t('calls.connectingTo', { name: peerName }) : t('calls.inCallWith', { name: peerName })}
          </p>
        </header>
        <main className="stage">
          <div className="grid" data-count={peers.length + 1}>
            <SelfTile id={room.self.id} name={room.self.name} stream={stream} media={media} speaking={talk.speaking.has(room.self.id)} />
            {peers.map((peer) => (
              <RemoteTile
                key={peer.id}
                peer={peer}
                guard={guard}
                talk={tileTalk(talk, peer.id, false, setDetailsFor)}
              />
            ))}
          </div>
        </main>
        <footer className="room-footer">
          {blocked && <TapToUnmute guard={guard} />}
          <CallControls
            media={media}
            canAudio={canAudio}
            canVideo={canVideo}
            onMediaChange={setMedia}
            onHangUp={onHangUp}
            onShortcuts={() => setHelpOpen(true)}
          />
        </footer>
        {detailsFor !== null && <StatsPanel peerId={detailsFor} quality={talk.quality.get(detailsFor) ?? 'unknown'} onClose={() => setDetailsFor(null)} />}
        <p className="offscreen" role="status" data-testid="announcement">
          {mediaKeys.announcement && t(mediaKeys.announcement)}
        </p>
        <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} available={available} />
      </div>
    </RoomProvider>
  );
}
