import type { TalkEvents } from './media/room-media.js';
import type { RemotePeer } from './remote-peer.js';
import type { PeerRoute } from './route.js';

export type PeerLeaveReason = 'left' | 'disconnected';

export type RoomEvents = {
  /** Someone joined after you. The people already there when you joined are in `room.peers`. */
  peerJoined: [RemotePeer];
  /** Someone left cleanly (`left`) or their connection dropped (`disconnected`). Their tracks are already stopped. */
  peerLeft: [RemotePeer, PeerLeaveReason];
  /** Someone's name or media state (`peer.media`) changed. */
  peerUpdated: [RemotePeer];
  /** A track arrived from a peer; it is already in `peer.stream`. */
  track: [RemotePeer, MediaStreamTrack];
  /** The peer connection to a peer changed state (`peer.connectionState`). */
  peerState: [RemotePeer, RTCPeerConnectionState];
  /** How media reaches a peer changed: `direct`, `relayed` (TURN) or back to `unknown` (`peer.route`). */
  peerRoute: [RemotePeer, PeerRoute];
  /** Someone started sharing their screen (the stream with its video track), or stopped (null). See `room.screens`. */
  peerScreen: [RemotePeer, MediaStream | null];
  /** Your own screen share started or stopped (`stopScreenShare()`, or the browser's "Stop sharing"). */
  screenShare: [MediaStream | null];
  /** `replaceLocalTrack()` put a new camera or microphone track in `localStream`. */
  localTrack: [MediaStreamTrack];
  /** The room was left or closed; every listener is removed right after. */
  closed: [];
} & TalkEvents<RemotePeer>;
