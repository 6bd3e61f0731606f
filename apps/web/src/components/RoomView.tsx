import { useEffect, useState } from 'react';
import { useConnectionState } from '../hooks/useConnectionState.js';
import { useAutoplayGuard } from '../hooks/useAutoplayGuard.js';
import { useChatPanel } from '../hooks/useChatPanel.js';
import { useFileTransfers } from '../hooks/useFileTransfers.js';
import { useCopyLink } from '../hooks/useCopyLink.js';
import { useRoom } from '../hooks/room-context.js';
import { useRoomClosed } from '../hooks/useRoomClosed.js';
import { useRoomPeers } from '../hooks/useRoomPeers.js';
import { useSelfMedia } from '../hooks/useSelfMedia.js';
import { hasTrack } from '../lib/media-streams.js';
import { roomLink } from '../lib/route.js';
import { ChatPanel } from './ChatPanel.js';
import { ChatToggle } from './ChatToggle.js';
import { ConnectionLost } from './ConnectionLost.js';
import { RemoteTile } from './RemoteTile.js';
import { SelfTile } from './SelfTile.js';
import { TapToUnmute } from './TapToUnmute.js';
import { Toolbar } from './Toolbar.js';
import { TransferTray } from './TransferTray.js';

/** How long Leave waits for the server to confirm before going back to the lobby anyway. */
export const LEAVE_WAIT_MS = 2000;

export interface RoomViewProps {
  stream: MediaStream | null;
  /** Called once the room is left; the app goes back to the lobby. */
  onLeft: () => void;
}

/** The call: a grid of tiles, the call controls, and what is going on in words. */
export function RoomView({ stream, onLeft }: RoomViewProps) {
  const room = useRoom();
  const peers = useRoomPeers(room);
  const closed = useRoomClosed(room);
  const connectionState = useConnectionState();
  const [media, setMedia] = useSelfMedia(room);
  const { guard, blocked } = useAutoplayGuard();
  const link = roomLink(location.origin, room.name);
  const { copy, result: copyResult } = useCopyLink(link);
  const [leaving, setLeaving] = useState(false);
  const chat = useChatPanel(room);
  const transfers = useFileTransfers(room);

  useEffect(() => {
    const before = document.title;
    document.title = `${room.name} · Confab`;
    return () => {
      document.title = before;
    };
  }, [room.name]);

  function leave() {
    setLeaving(true);
    const waited = new Promise<void>((resolve) => setTimeout(resolve, LEAVE_WAIT_MS));
    void Promise.race([room.leave(), waited])
      .catch(() => {})
      .finally(onLeft);
  }

  const lost = !leaving && (connectionState.status === 'lost' || closed);
  // The SDK gets the connection back by itself (media keeps flowing meanwhile): say so, no button.
  const reconnecting = !lost && connectionState.status === 'reconnecting';
  const alone = peers.length === 0;
  const status = lost
    ? null
    : reconnecting
      ? 'Reconnecting…'
      : alone
        ? 'Waiting for others to join…'
        : `${peers.length + 1} people in the call`;

  return (
    <div className="room">
      <header className="room-header">
        <h1 className="room-name" title={room.name}>
          {room.name}
        </h1>
        <p className={reconnecting ? 'status reconnecting' : 'status'} role="status">
          {status}
        </p>
      </header>

      <main className="stage">
        <div className="grid" data-count={Math.min(peers.length + 1, 12)}>
          <SelfTile id={room.self.id} name={room.self.name} stream={stream} media={media} />
          {peers.map((peer) => (
            <RemoteTile key={peer.id} peer={peer} guard={guard} />
          ))}
        </div>
        {alone && !lost && (
          <div className="invite">
            <p>Share this link to invite people:</p>
            <p className="invite-link">{link}</p>
          </div>
        )}
      </main>
      {chat.state.open ? (
        <ChatPanel
          state={chat.state}
          store={chat.store}
          files={room.files}
          peers={peers}
          transfers={<TransferTray views={transfers} files={room.files} />}
        />
      ) : (
        <TransferTray views={transfers} files={room.files} />
      )}

      <footer className="room-footer">
        {copyResult !== 'idle' && (
          <p className="toast" role="status">
            {copyResult === 'copied' ? 'Link copied' : `Copy this link: ${link}`}
          </p>
        )}
        {blocked && <TapToUnmute guard={guard} />}
        <Toolbar
          media={media}
          canAudio={hasTrack(stream, 'audio')}
          canVideo={hasTrack(stream, 'video')}
          onMediaChange={setMedia}
          onCopyLink={copy}
          onLeave={leave}
          leaving={leaving}
          extra={<ChatToggle open={chat.state.open} unread={chat.state.unread} onToggle={() => chat.store.toggle()} />}
        />
      </footer>
      {lost && <ConnectionLost />}
    </div>
  );
}
