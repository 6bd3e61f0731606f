import type { MediaState, ServerMessageOf, SignalData } from '@confab/protocol';
import type { FileSharingOptions } from './files/file-sharing.js';
import type { PeerSession } from './peer-session.js';

/** What a room needs from the signaling connection, and nothing more. */
export interface RoomTransport {
  sendSignal(to: string, data: SignalData): void;
  sendMedia(media: MediaState): void;
  /** Sends `leave` and waits for `left`. */
  leave(): Promise<void>;
  /** Sends `leave` without waiting. */
  leaveNoWait(): void;
  /** Whether signals go out now (false while the connection is being re-established). Default true. */
  isUp?(): boolean;
}

/** @internal */
export interface RoomOptions {
  joined: ServerMessageOf<'joined'>;
  iceServers: RTCIceServer[];
  /** `relay`: every peer connection goes through TURN. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  localStream: MediaStream | null;
  transport: RoomTransport;
  /** Called once, when the room closes. */
  onClosed: () => void;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** File sharing settings (`JoinOptions.maxFileSize`). */
  files?: FileSharingOptions;
  /** The lobby's prepared connections (prepare()), by peer id: adopted for those peers instead of new ones. */
  prepared?: ReadonlyMap<string, PeerSession>;
}
