import type { MediaState, PeerInfo, ServerMessageOf, SignalData } from '@confab/protocol';
import type { Chat } from './data/chat.js';
import type { HandRaise } from './data/hand-raise.js';
import type { Reactions } from './data/reactions.js';
import type { ChannelOptions, RoomChannel } from './data/room-channel.js';
import { RoomData } from './data/room-data.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import type { FileSharing } from './files/file-sharing.js';
import { applyMediaState } from './local-media.js';
import { replaceLocalTrack } from './media/local-tracks.js';
import { RemoteScreens } from './media/remote-screens.js';
import { ScreenShare, type ScreenShareOptions } from './media/screen-share.js';
import type { RejoinOptions } from './rejoin-plan.js';
import type { RemotePeer } from './remote-peer.js';
import { RoomMedia } from './media/room-media.js';
import { recordRoom, type RecordOptions, type RoomRecording } from './recording/room-recording.js';
import type { RecordingState } from './recording/recording-state.js';
import type { PeerLeaveReason, RoomEvents } from './room-events.js';
import { RoomPeers } from './room-peers.js';
import { RoomRejoin } from './room-rejoin.js';

import type { RoomOptions, RoomTransport } from './room-options.js';

export type { PeerLeaveReason, RoomEvents } from './room-events.js';
export type { RoomOptions, RoomTransport } from './room-options.js';

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
  /** `relay` when every connection of this room goes through TURN; `all` otherwise. */
  readonly iceTransportPolicy: RTCIceTransportPolicy;
  private selfInfo: PeerInfo;
  private readonly emitter = new Emitter<RoomEvents>();
  /** Everyone else, and one peer connection to each (room-peers.ts). */
  private readonly remotes: RoomPeers;
  /** Chat, named channels and files, over each peer connection's data channels. */
  private readonly data: RoomData;
  private iceServers: RTCIceServer[];
  private readonly transport: RoomTransport;
  private readonly onClosed: () => void;
  private readonly createPeerConnection: RoomOptions['createPeerConnection'];
  private leaving: Promise<void> | undefined;
  private isClosed = false;
  /** The rejoin after the server lost our seat or session (room-rejoin.ts). */
  private readonly rejoin: RoomRejoin;
  /** Your screen share, sent on every peer connection. */
  private readonly sharing = new ScreenShare({
    senders: () => this.remotes.allSessions(),
    announce: (screen) => this.announceScreen(screen),
    changed: (stream) => this.emitter.emit('screenShare', stream),
  });
  /** Speaking indicators, active speaker, link quality and the adaptive mesh (media/room-media.ts). */
  private readonly media = new RoomMedia<RemotePeer>({
    peers: () => this.remotes.byId.values(),
    selfAudio: () => this.selfInfo.media.audio,
    videoSender: (peerId) => this.remotes.session(peerId)?.videoSender(),
    events: this.emitter,
  });
  /** The screens the others share. */
  private readonly screensIn = new RemoteScreens<RemotePeer>((peer, stream) => this.emitter.emit('peerScreen', peer, stream));

  /** @internal Rooms are made by `ConfabClient.join()`. */
  constructor(options: RoomOptions) {
    const { joined } = options;
    this.name = joined.room;
    this.maxPeers = joined.maxPeers;
    this.hasPassword = joined.hasPassword;
    this.selfInfo = joined.self;
    this.localStream = options.localStream;
    this.iceServers = options.iceServers;
    this.iceTransportPolicy = options.iceTransportPolicy ?? 'all';
    this.transport = options.transport;
    this.onClosed = options.onClosed;
    this.createPeerConnection = options.createPeerConnection;
    this.data = new RoomData({ self: () => this.selfInfo, ...(options.files ? { files: options.files } : {}) });
    this.remotes = new RoomPeers({
      session: () => ({
        selfId: this.selfInfo.id,
        iceServers: this.iceServers,
        iceTransportPolicy: this.iceTransportPolicy,
        canSignal: () => this.transport.isUp?.() ?? true,
        ...(this.createPeerConnection ? { createPeerConnection: this.createPeerConnection } : {}),
      }),
      localStream: () => this.localStream,
      sendSignal: (to, data) => this.transport.sendSignal(to, data),
      isClosed: () => this.isClosed,
      data: this.data,
      media: this.media,
      screens: this.screensIn,
      sharing: this.sharing,
      events: this.emitter,
    });
    this.rejoin = new RoomRejoin({
      peers: this.remotes,
      updated: (info) => this.handlePeerUpdated(info),
      gone: (id) => this.handlePeerLeft(id, 'disconnected'),
    });
    this.remotes.enter(joined.peers, options.prepared);
  }

  /** You, as the others see you. `self.media` follows `setMedia()`. */
  get self(): PeerInfo {
    return this.selfInfo;
  }

  /** Everyone else in the room, by peer id, in join order. A live view. */
  get peers(): ReadonlyMap<string, RemotePeer> {
    return this.remotes.byId;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The room's chat: to everyone, peer to peer. Messages sent before you joined are not available. */
  get chat(): Chat {
    return this.data.chat;
  }

  /** File sharing: offer a file to one person or to everyone; accept, follow and cancel transfers. */
  get files(): FileSharing {
    return this.data.files;
  }

  /** Reactions (👍 👏 …): `send(emoji)` and a `reaction` event, yours included. Rate-limited per person. */
  get reactions(): Reactions {
    return this.data.reactions;
  }

  /** Raised hands: yours (`toggle()`), and everyone's in the order they went up (`raised`). */
  get hands(): HandRaise {
    return this.data.hands;
  }

  /** Who is recording the call (`recorders`); `record()` announces your own recording here. */
  get recording(): RecordingState {
    return this.data.recording;
  }

  /**
   * Records the call in this browser: everyone's video mixed into a grid with names, and
   * everyone's sound, through MediaRecorder. The others are told you are recording until it
   * stops. Stops by itself when the room closes. Throws where the browser cannot record.
   */
  record(options: RecordOptions = {}): RoomRecording {
    return recordRoom(this, options);
  }

  /**
   * The page is back (from the background, after a network change): every peer connection that is
   * failed or disconnected restarts ICE now. `client.checkConnection()` calls it.
   */
  recover(): void {
    if (this.isClosed) return;
    for (const session of this.remotes.allSessions()) session.recover();
  }

  /**
   * A named channel for your own messages, peer to peer over the data channels (the server never
   * sees them): `send(msg, to?)` and a `message` event with `[msg, fromPeer]`. Every received
   * message goes through `validate` first; one that fails is dropped with a warning. Names are 1
   * to 64 characters; names starting with "confab." are reserved.
   */
  channel<T>(name: string, options: ChannelOptions<T>): RoomChannel<T> {
    return this.data.channel(name, options);
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
    const screen = this.selfInfo.media.screen;
    const next = { audio: media.audio, video: media.video, ...(screen ? { screen } : {}) };
    applyMediaState(this.localStream, next);
    this.selfInfo = { ...this.selfInfo, media: next };
    this.transport.sendMedia(next);
  }

  /** Whether your own speaking indicator is lit (`selfSpeaking`). */
  get selfSpeaking(): boolean {
    return this.media.selfSpeaking;
  }

  /**
   * The remote peer who spoke loudest recently, held a while so it does not jump: who the
   * speaker view shows large (`activeSpeaker`). Undefined until someone speaks.
   */
  get activeSpeaker(): RemotePeer | undefined {
    const id = this.media.activeSpeakerId;
    return id === undefined ? undefined : this.remotes.get(id);
  }

  /** The screen you are sharing, or null. */
  get screenShare(): MediaStream | null {
    return this.sharing.stream;
  }

  /** The screens the others are sharing, by peer id (a live view); `peerScreen` says when it changes. */
  get screens(): ReadonlyMap<string, MediaStream> {
    return this.screensIn.byPeer;
  }

  /**
   * Shares your screen with everyone, besides your camera: a video track of its own, added to
   * every peer connection (renegotiated) and announced in your media state (`media.screen`), so
   * the others get `peerScreen`. Call it from a click handler: it asks the browser at once
   * (getDisplayMedia), unless `options.stream` is given. Rejects with `NotAllowedError` when the
   * person cancels. The share ends with `stopScreenShare()` or the browser's own "Stop sharing".
   */
  startScreenShare(options?: ScreenShareOptions): Promise<MediaStream> {
    return this.sharing.start(options);
  }

  /** Stops sharing your screen (its track is stopped). Idempotent. */
  stopScreenShare(): void {
    this.sharing.stop();
  }

  /**
   * Sends `track` instead of your current camera or microphone (another device): swapped in
   * `localStream` and, with `RTCRtpSender.replaceTrack`, in every peer connection, without
   * renegotiating. The mute state carries over; the old track is stopped. Rejects with a
   * TypeError when there is no track of that kind to replace.
   */
  async replaceLocalTrack(track: MediaStreamTrack): Promise<void> {
    if (this.isClosed) throw new DOMException('The room is closed.', 'InvalidStateError');
    await replaceLocalTrack(this.localStream, track, this.remotes.allSessions());
    this.emitter.emit('localTrack', track);
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
    if (this.isClosed || info.id === this.selfInfo.id) return;
    this.rejoin.handlePeerJoined(info.id);
    // Someone we still have a connection to, back after a reconnect of theirs or a server restart.
    if (this.remotes.has(info.id)) return this.rejoin.handlePeerReturned(info);
    this.remotes.join(info);
  }

  /**
   * @internal Someone in the room's lobby (`peer-preparing`) will offer a media-less connection:
   * answered with nothing to send, shown nowhere, adopted if they join (`handlePeerJoined`).
   */
  handlePeerPreparing(peer: { id: string }): void {
    if (this.isClosed || peer.id === this.selfInfo.id || this.remotes.has(peer.id)) return;
    this.remotes.prepareVisitor(peer.id);
  }

  /** @internal The lobby visitor went away without joining (`peer-unprepared`). */
  handlePeerUnprepared(peerId: string): void {
    this.remotes.dropVisitor(peerId);
  }

  /** @internal */
  handlePeerLeft(peerId: string, reason: PeerLeaveReason): void {
    this.remotes.dropSignals(peerId);
    this.rejoin.handlePeerLeft(peerId);
    const peer = this.remotes.get(peerId);
    if (this.isClosed || !peer) return;
    this.remotes.remove(peer);
    this.emitter.emit('peerLeft', peer, reason);
  }

  /** @internal */
  handlePeerUpdated(info: PeerInfo): void {
    const peer = this.remotes.get(info.id);
    if (this.isClosed || !peer) return;
    peer.update(info);
    this.screensIn.handleMedia(peer);
    this.emitter.emit('peerUpdated', peer);
  }

  /** @internal Fresh STUN/TURN servers (`ice-servers`): for every connection, current and future. */
  handleIceServers(iceServers: RTCIceServer[]): void {
    if (this.isClosed) return;
    this.iceServers = iceServers;
    this.remotes.setIceServers(iceServers);
  }

  /** @internal */
  handleSignal(from: string, data: SignalData): void {
    this.remotes.handleSignal(from, data);
  }

  /** @internal The signaling connection is down: ICE restarts wait, and who is here now is noted for a rejoin. */
  handleSignalingDown(): void {
    if (this.isClosed) return;
    this.rejoin.handleSignalingDown();
  }

  /** @internal Signaling is back (resumed or rejoined): ICE restarts held meanwhile go now. */
  handleSignalingUp(): void {
    if (this.isClosed) return;
    for (const session of this.remotes.allSessions()) session.handleSignalingUp();
  }

  /**
   * @internal The room was entered again after the server lost our seat (`resumed: 'id'`) or our
   * session (`fresh`: a new id). Peers are matched by id: connections that still work are kept,
   * the others rebuilt, and peers not back yet get `awaitMs` to return before they count as gone.
   */
  handleRejoined(joined: ServerMessageOf<'joined'>, options: RejoinOptions & { awaitMs?: number }): void {
    if (this.isClosed) return;
    this.selfInfo = joined.self;
    if (options.fresh) this.remotes.dropSignals();
    this.rejoin.handleRejoined(joined.peers, options);
  }

  private announceScreen(screen: string | undefined): void {
    if (this.isClosed) return;
    const { audio, video } = this.selfInfo.media;
    const next: MediaState = { audio, video, ...(screen ? { screen } : {}) };
    this.selfInfo = { ...this.selfInfo, media: next };
    this.transport.sendMedia(next);
  }

  private teardown(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.media.close();
    this.sharing.close();
    this.screensIn.close();
    this.rejoin.close();
    // First, so transfers still going end as `closed` (you left), not `peer-left`.
    this.data.close();
    this.remotes.close();
    this.emitter.emit('closed');
    this.emitter.removeAllListeners();
    this.onClosed();
  }
}
