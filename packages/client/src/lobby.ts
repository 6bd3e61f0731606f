import type { PeerInfo, ServerMessageOf, SignalData } from '@confab/protocol';
import type { PeerSession } from './peer-session.js';
import { PreparedSessions } from './prepared-sessions.js';

/** What `client.prepare()` resolves with: the room as the lobby sees it. */
export interface PreparedRoom {
  room: string;
  /** Who is in the room now (the lobby keeps a prepared connection to each). */
  peers: readonly PeerInfo[];
  maxPeers: number;
}

export interface LobbyOptions {
  prepared: ServerMessageOf<'prepared'>;
  selfId: string;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  /** The camera that will probably be sent (never sent before the join): for the small first encoding. */
  camera?: MediaStreamTrack;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  sendSignal: (to: string, data: SignalData) => void;
  canSignal: () => boolean;
}

/**
 * The lobby of one room after `prepare`: a media-less connection to each member, offered by us,
 * and to each member who joins later. `join()` of the same room adopts them (`take()`).
 */
export class Lobby {
  readonly room: string;
  readonly iceTransportPolicy: RTCIceTransportPolicy;
  private info: PreparedRoom;
  private iceServers: RTCIceServer[];
  private readonly sessions: PreparedSessions;
  /** The camera that will probably be sent: never sent before the join. */
  private camera: MediaStreamTrack | undefined;
  private closed = false;

  constructor(options: LobbyOptions) {
    this.room = options.prepared.room;
    this.iceTransportPolicy = options.iceTransportPolicy;
    this.iceServers = options.iceServers;
    this.info = { room: this.room, peers: options.prepared.peers, maxPeers: options.prepared.maxPeers };
    this.camera = options.camera;
    this.sessions = new PreparedSessions({
      session: () => ({
        selfId: options.selfId,
        iceServers: this.iceServers,
        iceTransportPolicy: this.iceTransportPolicy,
        localStream: null,
        videoHint: () => this.camera,
        canSignal: options.canSignal,
        ...(options.createPeerConnection ? { createPeerConnection: options.createPeerConnection } : {}),
      }),
      sendSignal: options.sendSignal,
    });
    for (const peer of options.prepared.peers) this.sessions.open(peer.id, { offer: true });
  }

  get prepared(): PreparedRoom {
    return this.info;
  }

  /** Peer ids with a prepared connection. */
  get peerIds(): string[] {
    return this.sessions.ids();
  }

  handlePeerJoined(peer: PeerInfo): void {
    if (this.closed) return;
    this.info = { ...this.info, peers: [...this.info.peers.filter((p) => p.id !== peer.id), peer] };
    this.sessions.open(peer.id, { offer: true });
  }

  handlePeerLeft(peerId: string): void {
    if (this.closed) return;
    this.info = { ...this.info, peers: this.info.peers.filter((p) => p.id !== peerId) };
    this.sessions.drop(peerId);
  }

  /** False when the signal is for no prepared connection. */
  handleSignal(from: string, data: SignalData): boolean {
    return !this.closed && this.sessions.handleSignal(from, data);
  }

  /**
   * The lobby's camera changed (it came up after the preparation, another one was picked, it was
   * turned off): the prepared connections' blank picture and small first encoding follow it.
   */
  setCamera(camera: MediaStreamTrack | undefined): void {
    if (this.closed || camera === this.camera) return;
    this.camera = camera;
    this.sessions.refreshVideo();
  }

  handleIceServers(iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
    this.sessions.setIceServers(iceServers);
  }

  /** Hands every prepared connection over to the room joined, and closes the lobby. */
  take(): Map<string, PeerSession> {
    const taken = new Map<string, PeerSession>();
    for (const id of this.sessions.ids()) {
      const session = this.sessions.take(id);
      if (session) taken.set(id, session);
    }
    this.close();
    return taken;
  }

  /** Closes every prepared connection. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sessions.close();
  }
}
