import { useEffect, useState } from 'react';
import { useConnectionState } from '../hooks/useConnectionState.js';
import { useAutoplayGuard } from '../hooks/useAutoplayGuard.js';
import { useChatPanel } from '../hooks/useChatPanel.js';
import { useFileTransfers } from '../hooks/useFileTransfers.js';
import { useCopyLink } from '../hooks/useCopyLink.js';
import { useRoom } from '../hooks/room-context.js';
import { useRoomClosed } from '../hooks/useRoomClosed.js';
import { useRoomPeers } from '../hooks/useRoomPeers.js';
import { useMediaShortcuts } from '../hooks/useMediaShortcuts.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { useHandRaise, useRaisedHands } from '../hooks/useHandRaise.js';
import { usePageReturn } from '../hooks/usePageReturn.js';
import { useSendReaction } from '../hooks/useReactions.js';
import { useRecorders, useRecording } from '../hooks/useRecording.js';
import { useRoomScreens } from '../hooks/useRoomScreens.js';
import { useScreenShare } from '../hooks/useScreenShare.js';
import { DeviceSettings } from './DeviceSettings.js';
import { ScreenShareButton } from './ScreenShareButton.js';
import { ScreenStage } from './ScreenStage.js';
import { HandButton } from './HandButton.js';
import { HandQueue } from './HandQueue.js';
import { ReactionBar } from './ReactionBar.js';
import { RecordButton } from './RecordButton.js';
import { RecordingIndicator } from './RecordingIndicator.js';
import { RecordingNotice } from './RecordingNotice.js';
import { RoomTileExtras } from './RoomTileExtras.js';
import { TileExtrasProvider } from './tile-extras.js';
import { useSelfMedia } from '../hooks/useSelfMedia.js';
import { useT } from '../i18n/i18n-context.js';
import { hasTrack } from '../lib/media-streams.js';
import type { ShortcutAction } from '../lib/shortcuts.js';
import { roomLink } from '../lib/route.js';
import { ChatPanel } from './ChatPanel.js';
import { ChatToggle } from './ChatToggle.js';
import { ConnectionLost } from './ConnectionLost.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { RemoteTile, tileTalk } from './RemoteTile.js';
import { SelfTile } from './SelfTile.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { TapToUnmute } from './TapToUnmute.js';
import { Toolbar } from './Toolbar.js';
import { useAfterFirstPaint } from '../hooks/useAfterFirstPaint.js';
import { useTalk } from '../hooks/useTalk.js';
import { chooseLayout, isLarge, type ViewMode } from '../lib/layout.js';
import { StatsPanel } from './StatsPanel.js';
import { ViewToggle } from './ViewToggle.js';
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
  const t = useT();
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
  const hand = useHandRaise(room);
  const hands = useRaisedHands(room);
  const sendReaction = useSendReaction(room);
  const recording = useRecording(room);
  const recorders = useRecorders(room);
  const screenShare = useScreenShare(room);
  const screens = useRoomScreens(room);
  usePageReturn('client' in connectionState ? connectionState.client : null);
  const [helpOpen, setHelpOpen] = useState(false);
  const talk = useTalk(room);
  // The videos first: the toolbar, chat and dialogs a frame later (useAfterFirstPaint.ts).
  const chrome = useAfterFirstPaint();
  const [view, setView] = useState<ViewMode>('grid');
  const [detailsFor, setDetailsFor] = useState<string | null>(null);
  // A shared screen (on the ScreenStage above the grid) is the large tile: then no person is.
  const screenKeys = screens.map((screen) => `screen:${screen.peerId}`).reverse();
  const layout = chooseLayout({
    view,
    tiles: [room.self.id, ...peers.map((peer) => peer.id), ...screenKeys],
    selfKey: room.self.id,
    screens: screenKeys,
    activeSpeaker: talk.activeSpeaker,
  });
  const personLarge = layout.kind === 'focus' && !screenKeys.includes(layout.large);
  const canAudio = hasTrack(stream, 'audio');
  const canVideo = hasTrack(stream, 'video');

  useEffect(() => {
    const before = document.title;
    document.title = t('room.documentTitle', { room: room.name });
    return () => {
      document.title = before;
    };
  }, [room.name, t]);

  function leave() {
    setLeaving(true);
    const waited = new Promise<void>((resolve) => setTimeout(resolve, LEAVE_WAIT_MS));
    void Promise.race([room.leave(), waited])
      .catch(() => {})
      .finally(onLeft);
  }

  const mediaKeys = useMediaShortcuts(media, setMedia, canAudio, canVideo);
  useShortcuts({
    ...mediaKeys.handlers,
    screenShare: screenShare.supported ? screenShare.toggle : undefined,
    raiseHand: hand.toggle,
    chat: () => chat.store.toggle(),
    leave: () => {
      if (!leaving) leave();
    },
    help: () => setHelpOpen(true),
  });
  const shortcutActions = new Set<ShortcutAction>(['chat', 'leave', 'help', 'raiseHand', ...(screenShare.supported ? ['screenShare' as const] : []), ...(canAudio ? ['microphone' as const] : []), ...(canVideo ? ['camera' as const] : [])]);

  const lost = !leaving && (connectionState.status === 'lost' || closed);
  // The SDK gets the connection back by itself (media keeps flowing meanwhile): say so, no button.
  const reconnecting = !lost && connectionState.status === 'reconnecting';
  const alone = peers.length === 0;
  const status = lost
    ? null
    : reconnecting
      ? t('room.reconnecting')
      : alone
        ? t('room.waiting')
        : t('room.people', { count: peers.length + 1 });

  return (
    <div className="room">
      <header className="room-header">
        <h1 className="room-name" title={room.name}>
          {room.name}
        </h1>
        <p className={reconnecting ? 'status reconnecting' : 'status'} role="status">
          {status}
        </p>
        <RecordingIndicator recorders={recorders} />
        <LanguageSwitch />
      </header>

      <main className="stage">
        <ScreenStage screens={screens} share={screenShare} />
        <TileExtrasProvider value={RoomTileExtras}>
          <div
            className="grid"
            data-count={Math.min(peers.length + 1, 12)}
            data-layout={personLarge ? 'focus' : 'grid'}
            data-testid="stage-grid"
            style={personLarge ? { gridTemplateColumns: `repeat(${Math.max(1, peers.length)}, minmax(0, 1fr))` } : undefined}
          >
            <SelfTile id={room.self.id} name={room.self.name} stream={stream} media={media} speaking={talk.speaking.has(room.self.id)} />
            {peers.map((peer) => (
              <RemoteTile
                key={peer.id}
                peer={peer}
                guard={guard}
                talk={tileTalk(talk, peer.id, isLarge(layout, peer.id), setDetailsFor)}
              />
            ))}
          </div>
        </TileExtrasProvider>
        <HandQueue hands={hands} />
        {alone && !lost && (
          <div className="invite">
            <p>{t('room.invite')}</p>
            <p className="invite-link">{link}</p>
          </div>
        )}
      </main>
      {chrome &&
        (chat.state.open ? (
          <ChatPanel
            state={chat.state}
            store={chat.store}
            files={room.files}
            peers={peers}
            transfers={<TransferTray views={transfers} files={room.files} />}
          />
        ) : (
          <TransferTray views={transfers} files={room.files} />
        ))}

      <footer className="room-footer">
        {chrome && (
          <>
            {copyResult !== 'idle' && (
              <p className="toast" role="status">
                {copyResult === 'copied' ? t('room.linkCopied') : t('room.copyThisLink', { link })}
              </p>
            )}
            {blocked && <TapToUnmute guard={guard} />}
            <RecordingNotice status={recording.status} />
            <Toolbar
              media={media}
              canAudio={canAudio}
              canVideo={canVideo}
              onMediaChange={setMedia}
              onCopyLink={copy}
              onShortcuts={() => setHelpOpen(true)}
              onLeave={leave}
              leaving={leaving}
              extra={
                <>
                  <ScreenShareButton control={screenShare} />
                  <DeviceSettings room={room} />
                  <HandButton raised={hand.raised} onToggle={hand.toggle} />
                  <ReactionBar onReact={sendReaction} />
                  <RecordButton recording={recording.recording} onToggle={recording.toggle} />
                  <ChatToggle open={chat.state.open} unread={chat.state.unread} onToggle={() => chat.store.toggle()} />
                  <ViewToggle view={view} onChange={setView} />
                </>
              }
            />
          </>
        )}
      </footer>
      {lost && <ConnectionLost />}
      {detailsFor !== null && <StatsPanel peerId={detailsFor} quality={talk.quality.get(detailsFor) ?? 'unknown'} onClose={() => setDetailsFor(null)} />}
      <p className="offscreen" role="status" data-testid="announcement">
        {mediaKeys.announcement && t(mediaKeys.announcement)}
      </p>
      {chrome && <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} available={shortcutActions} />}
    </div>
  );
}
