import type { MediaState, PeerInfo, ServerMessageOf, SignalData } from '@confab/protocol';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { applyMediaState } from './local-media.js';
import { PeerSession } from './peer-session.js';
import { PendingSignals } from './pending-signals.js';
import { RemotePeer } from './remote-peer.js';

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
  /** The room was left or closed; every listener is removed right after. */
  closed: [];
};

/** What a room needs from the signaling connection, and nothing more. */
export interface RoomTransport {
  sendSignal(to: string, data: SignalData): void;
  sendMedia(media: MediaState): void;
  /** Sends `leave` and waits for `left`. */
  leave(): Promise<void>;
  /** Sends `leave` without waiting. */
  leaveNoWait(): void;
}

/** @internal */
export interface RoomOptions {
  joined: ServerMessageOf<'joined'>;
  iceServers: RTCIceServer[];
  localStream: MediaStream | null;
  transport: RoomTransport;
  /** Called once, when the room closes. */
  onClosed: () => void;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

/**
 * A room you are in, with one peer connection per other person. Get one from
 * `ConfabClient.join()`.
 *
 * The local stream belongs to the caller: the room sends its tracks and mutes them in
 * `setMedia()`, but never stops them. Stop them yourself after `leave()` or `close()`.
 */
export class Room implements Subscribable<RoomEvents> {
  /** The room's name. */
  readonly name: string;
  /** The most people the server lets into a room. */
  readonly maxPeers: number;
  /** Whether the room needs a password to join. */
  readonly hasPassword: boolean;
  /** The stream given to `join()`, or null. */
  readonly localStream: MediaStream | null;
  private selfInfo: PeerInfo;
  private readonly emitter = new Emitter<RoomEvents>();
  private readonly remotes = new Map<string, RemotePeer>();
  private readonly sessions = new Map<string, PeerSession>();
  private readonly early = new PendingSignals();
  private readonly iceServers: RTCIceServer[];
  private readonly transport: RoomTransport;
  private readonly onClosed: () => void;
  private readonly createPeerConnection: RoomOptions['createPeerConnection'];
  private leaving: Promise<void> | undefined;
  private isClosed = false;

  /** @internal Rooms are made by `ConfabClient.join()`. */
  constructor(options: RoomOptions) {
    const { joined } = options;
    this.name = joined.room;
    this.maxPeers = joined.maxPeers;
    this.hasPassword = joined.hasPassword;
    this.selfInfo = joined.self;
    this.localStream = options.localStream;
    this.iceServers = options.iceServers;
    this.transport = options.transport;
    this.onClosed = options.onClosed;
    this.createPeerConnection = options.createPeerConnection;
    // The newcomer offers to everyone already there; they only answer.
    for (const info of joined.peers) this.addPeer(info).offerLocalMedia();
  }

  /** You, as the others see you. `self.media` follows `setMedia()`. */
  get self(): PeerInfo {
    return this.selfInfo;
  }

  /** Everyone else in the room, by peer id, in join order. A live view. */
  get peers(): ReadonlyMap<string, RemotePeer> {
    return this.remotes;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  on<K extends keyof RoomEvents>(event: K, listener: Listener<RoomEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof RoomEvents>(event: K, listener: Listener<RoomEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof RoomEvents>(event: K, listener: Listener<RoomEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Turns your microphone and camera on or off for everyone: sets `enabled` on the local tracks
   * (no renegotiation) and tells the others, who get `peerUpdated`.
   */
  setMedia(media: MediaState): void {
    if (this.isClosed) return;
    const next = { audio: media.audio, video: media.video };
    applyMediaState(this.localStream, next);
    this.selfInfo = { ...this.selfInfo, media: next };
    this.transport.sendMedia(next);
  }

  /**
   * Leaves the room: sends `leave`, waits for the server's `left`, then closes the room. Resolves
   * also when the connection was already gone. Safe to call twice.
   */
  leave(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.leaving ??= this.transport.leave().finally(() => this.teardown());
    return this.leaving;
  }

  /**
   * Closes the room at once: tells the server (without waiting), closes every peer connection,
   * stops the received tracks, emits `closed` and removes all listeners. Safe to call twice.
   */
  close(): void {
    if (this.isClosed) return;
    if (!this.leaving) this.transport.leaveNoWait();
    this.teardown();
  }

  /** @internal */
  handlePeerJoined(info: PeerInfo): void {
    if (this.isClosed || info.id === this.selfInfo.id || this.remotes.has(info.id)) return;
    this.addPeer(info);
    const peer = this.remotes.get(info.id);
    if (peer) this.emitter.emit('peerJoined', peer);
    for (const data of this.early.take(info.id)) this.handleSignal(info.id, data);
  }

  /** @internal */
  handlePeerLeft(peerId: string, reason: PeerLeaveReason): void {
    this.early.drop(peerId);
    const peer = this.remotes.get(peerId);
    if (this.isClosed || !peer) return;
    this.removePeer(peer);
    this.emitter.emit('peerLeft', peer, reason);
  }

  /** @internal */
  handlePeerUpdated(info: PeerInfo): void {
    const peer = this.remotes.get(info.id);
    if (this.isClosed || !peer) return;
    peer.update(info);
    this.emitter.emit('peerUpdated', peer);
  }

  /** @internal */
  handleSignal(from: string, data: SignalData): void {
    if (this.isClosed) return;
    const session = this.sessions.get(from);
    if (session) session.handleSignal(data);
    else this.early.add(from, data);
  }

  private addPeer(info: PeerInfo): PeerSession {
    const peer = new RemotePeer(info);
    const session = new PeerSession({
      selfId: this.selfInfo.id,
      remoteId: info.id,
      iceServers: this.iceServers,
      localStream: this.localStream,
      ...(this.createPeerConnection ? { createPeerConnection: this.createPeerConnection } : {}),
    });
    session.on('signal', (data) => this.transport.sendSignal(info.id, data));
    session.on('track', (track) => {
      if (peer.addTrack(track)) this.emitter.emit('track', peer, track);
    });
    session.on('connectionState', (state) => {
      peer.setConnectionState(state);
      this.emitter.emit('peerState', peer, state);
    });
    this.remotes.set(info.id, peer);
    this.sessions.set(info.id, session);
    return session;
  }

  private removePeer(peer: RemotePeer): void {
    this.sessions.get(peer.id)?.close();
    this.sessions.delete(peer.id);
    this.remotes.delete(peer.id);
    peer.stopTracks();
  }

  private teardown(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const peer of [...this.remotes.values()]) this.removePeer(peer);
    this.early.clear();
    this.emitter.emit('closed');
    this.emitter.removeAllListeners();
    this.onClosed();
  }
}
