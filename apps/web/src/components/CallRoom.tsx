import type { Room } from '@confab/client';
import { useEffect } from 'react';
import { useAutoplayGuard } from '../hooks/useAutoplayGuard.js';
import { useRoomPeers } from '../hooks/useRoomPeers.js';
import { useSelfMedia } from '../hooks/useSelfMedia.js';
import { hasTrack } from '../lib/media-streams.js';
import { CallControls } from './CallControls.js';
import { RemoteTile } from './RemoteTile.js';
import { SelfTile } from './SelfTile.js';
import { TapToUnmute } from './TapToUnmute.js';

export interface CallRoomProps {
  room: Room;
  stream: MediaStream | null;
  peerName: string;
  onHangUp: () => void;
}

/** A direct call in progress: the same tiles as a room, and Hang up. */
export function CallRoom({ room, stream, peerName, onHangUp }: CallRoomProps) {
  const peers = useRoomPeers(room);
  const [media, setMedia] = useSelfMedia(room);
  const { guard, blocked } = useAutoplayGuard();

  useEffect(() => {
    const before = document.title;
    document.title = `Call with ${peerName} · Confab`;
    return () => {
      document.title = before;
    };
  }, [peerName]);

  return (
    <div className="room">
      <header className="room-header">
        <h1 className="room-name">Call with {peerName}</h1>
        <p className="status" role="status">
          {peers.length === 0 ? `Connecting to ${peerName}…` : `In a call with ${peerName}`}
        </p>
      </header>
      <main className="stage">
        <div className="grid" data-count={peers.length + 1}>
          <SelfTile id={room.self.id} name={room.self.name} stream={stream} media={media} />
          {peers.map((peer) => (
            <RemoteTile key={peer.id} peer={peer} guard={guard} />
          ))}
        </div>
      </main>
      <footer className="room-footer">
        {blocked && <TapToUnmute guard={guard} />}
        <CallControls
          media={media}
          canAudio={hasTrack(stream, 'audio')}
          canVideo={hasTrack(stream, 'video')}
          onMediaChange={setMedia}
          onHangUp={onHangUp}
        />
      </footer>
    </div>
  );
}
