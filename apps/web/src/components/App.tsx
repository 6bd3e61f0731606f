import type { Room } from '@confab/client';
import { useEffect, useState } from 'react';
import { ConnectionProvider } from '../hooks/connection-context.js';
import { RoomProvider } from '../hooks/room-context.js';
import { useCall } from '../hooks/useCall.js';
import { useCloseOnPageHide } from '../hooks/useCloseOnPageHide.js';
import { useDebugHandle } from '../hooks/useDebugHandle.js';
import { useLocationPath } from '../hooks/useLocationPath.js';
import { useServerConnection } from '../hooks/useServerConnection.js';
import { isColdLobby } from '../lib/cold-lobby.js';
import { generateRoomName } from '../lib/generated-name.js';
import { navigate } from '../lib/navigation.js';
import { isCheckPath, roomFromPath, roomPath } from '../lib/route.js';
import { callRouteFromPath } from '../lib/call-route.js';
import { ConnectivityCheck } from './ConnectivityCheck.js';
import { DirectCallsPage } from './DirectCallsPage.js';
import { Lobby } from './Lobby.js';
import { RoomView } from './RoomView.js';

/** The app: the connectivity check at `/check`, direct calls at `/call`; otherwise the lobby, or the call once joined. */
export function App({ signalingUrl }: { signalingUrl: string }) {
  const path = useLocationPath();
  if (isCheckPath(path)) return <ConnectivityCheck signalingUrl={signalingUrl} />;
  // `/call` and `/call/<name>`: the directory and direct calls.
  const directCall = callRouteFromPath(path);
  if (directCall) return <DirectCallsPage signalingUrl={signalingUrl} target={directCall.target} />;
  return <CallApp path={path} signalingUrl={signalingUrl} />;
}

/** The lobby, or the call once joined. `/` and `/r/<room>` both open the lobby. */
function CallApp({ path, signalingUrl }: { path: string; signalingUrl: string }) {
  const [eager] = useState(() => !isColdLobby(location.search));
  const connection = useServerConnection(signalingUrl, eager);
  const [generatedRoom] = useState(generateRoomName);
  const { call, start, end } = useCall();
  const routeRoom = roomFromPath(path);
  useDebugHandle(connection, call?.room ?? null);

  // Back/Forward away from the room's page ends the call.
  useEffect(() => {
    if (call && routeRoom !== call.room.name) end();
  }, [call, routeRoom, end]);

  useCloseOnPageHide(connection);

  if (!connection) return null;

  function onJoined(room: Room, stream: MediaStream | null) {
    navigate(roomPath(room.name));
    start({ room, stream });
  }

  return (
    <ConnectionProvider connection={connection}>
      {call && routeRoom === call.room.name ? (
        <RoomProvider room={call.room}>
          <RoomView stream={call.stream} onLeft={end} />
        </RoomProvider>
      ) : (
        <Lobby room={routeRoom ?? generatedRoom} eager={eager} onJoined={onJoined} />
      )}
    </ConnectionProvider>
  );
}
