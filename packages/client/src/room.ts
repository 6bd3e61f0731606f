import type { MediaState, PeerInfo, ServerMessageOf, SignalData } from '@confab/protocol';
import type { Chat } from './data/chat.js';
import type { HandRaise } from './data/hand-raise.js';
import type { Reactions } from './data/reactions.js';
import type { ChannelOptions, RoomChannel } from './data/room-channel.js';
import { RoomData } from './data/room-data.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import type { FileSharing, FileSharingOptions } from './files/file-sharing.js';
import { applyMediaState, localTrack } from './local-media.js';
import { replaceLocalTrack } from './media/local-tracks.js';
import { RemoteScreens } from './media/remote-screens.js';
import { ScreenShare, type ScreenShareOptions } from './media/screen-share.js';
import { PeerSession } from './peer-session.js';
import { PendingSignals } from './pending-signals.js';
import { PreparedSessions } from './prepared-sessions.js';
import { planRejoin, REJOIN_AWAIT_MS, type RejoinOptions } from './rejoin-plan.js';
import { RemotePeer } from './remote-peer.js';
import { RoomMedia, type TalkEvents } from './media/room-media.js';
import { recordRoom, type RecordOptions, type RoomRecording } from './recording/room-recording.js';
import type { RecordingState } from './recording/recording-state.js';
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
  private readonly remotes = new Map<string, RemotePeer>();
  private readonly sessions = new Map<string, PeerSession>();
  /** Chat, named channels and files, over each peer connection's data channels. */
  private readonly data: RoomData;
  private readonly early = new PendingSignals();
  /** Media-less connections to the room's lobby visitors (`peer-preparing`), adopted when they join. */
  private readonly lobby: PreparedSessions;
  private iceServers: RTCIceServer[];
  private readonly transport: RoomTransport;
  private readonly onClosed: () => void;
  private readonly createPeerConnection: RoomOptions['createPeerConnection'];
  private leaving: Promise<void> | undefined;
  private isClosed = false;
  /** Peers we had when signaling went down, and ids announced since: what `handleRejoined()` reconciles. */
  private knownAtDown = new Set<string>();
  private readonly seenSinceDown = new Set<string>();
  /** Peers missing after a rejoin, kept until they are announced again or their time runs out. */
  private readonly awaiting = new Map<string, { timer: ReturnType<typeof setTimeout>; rebuild: boolean }>();
  /** Your screen share, sent on every peer connection. */
  private readonly sharing = new ScreenShare({
    senders: () => this.sessions.values(),
    announce: (screen) => this.announceScreen(screen),
    changed: (stream) => this.emitter.emit('screenShare', stream),
  });
  /** Speaking indicators, active speaker, link quality and the adaptive mesh (media/room-media.ts). */
  private readonly media = new RoomMedia<RemotePeer>({
    peers: () => this.remotes.values(),
    selfAudio: () => this.selfInfo.media.audio,
    videoSender: (peerId) => this.sessions.get(peerId)?.videoSender(),
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
    this.lobby = new PreparedSessions({
      session: () => ({
        selfId: this.selfInfo.id,
        iceServers: this.iceServers,
        iceTransportPolicy: this.iceTransportPolicy,
        localStream: null,
        videoHint: () => localTrack(this.localStream, 'video'),
        canSignal: () => this.transport.isUp?.() ?? true,
        ...(this.createPeerConnection ? { createPeerConnection: this.createPeerConnection } : {}),
      }),
      sendSignal: (to, data) => this.transport.sendSignal(to, data),
    });
    // The newcomer offers to everyone already there; they only answer. Where the lobby prepared a
    // connection, that one is used: it is up already, and only the media start.
    const prepared = new Map(options.prepared ?? []);
    for (const info of joined.peers) {
      const ready = prepared.get(info.id);
      prepared.delete(info.id);
      if (ready) this.adoptPeer(info, ready);
      else this.addPeer(info).offerLocalMedia();
    }
    for (const unused of prepared.values()) unused.close();
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
    for (const session of this.sessions.values()) session.recover();
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
    await replaceLocalTrack(this.localStream, track, this.sessions.values());
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
    this.seenSinceDown.add(info.id);
    // Someone we still have a connection to, back after a reconnect of theirs or a server restart.
    if (this.remotes.has(info.id)) return this.handlePeerReturned(info);
    // A lobby visitor we prepared a connection with: it is up already; only the media start.
    const ready = this.lobby.take(info.id);
    if (ready) return this.adoptPeer(info, ready, { announce: true });
    this.addPeer(info);
    const peer = this.remotes.get(info.id);
    if (peer) this.emitter.emit('peerJoined', peer);
    for (const data of this.early.take(info.id)) this.handleSignal(info.id, data);
  }

  /**
   * @internal Someone in the room's lobby (`peer-preparing`) will offer a media-less connection:
   * answered with nothing to send, shown nowhere, adopted if they join (`handlePeerJoined`).
   */
  handlePeerPreparing(peer: { id: string }): void {
    if (this.isClosed || peer.id === this.selfInfo.id || this.remotes.has(peer.id)) return;
    if (!this.lobby.open(peer.id, { offer: false })) return;
    for (const data of this.early.take(peer.id)) this.lobby.handleSignal(peer.id, data);
  }

  /** @internal The lobby visitor went away without joining (`peer-unprepared`). */
  handlePeerUnprepared(peerId: string): void {
    this.lobby.drop(peerId);
    if (!this.remotes.has(peerId)) this.early.drop(peerId);
  }

  /** @internal */
  handlePeerLeft(peerId: string, reason: PeerLeaveReason): void {
    this.early.drop(peerId);
    this.stopAwaiting(peerId);
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
    this.screensIn.handleMedia(peer);
    this.emitter.emit('peerUpdated', peer);
  }

  /** @internal Fresh STUN/TURN servers (`ice-servers`): for every connection, current and future. */
  handleIceServers(iceServers: RTCIceServer[]): void {
    if (this.isClosed) return;
    this.iceServers = iceServers;
    for (const session of this.sessions.values()) session.setIceServers(iceServers);
    this.lobby.setIceServers(iceServers);
  }

  /** @internal */
  handleSignal(from: string, data: SignalData): void {
    if (this.isClosed) return;
    const session = this.sessions.get(from);
    if (session) session.handleSignal(data);
    else if (!this.lobby.handleSignal(from, data)) this.early.add(from, data);
  }

  /** @internal The signaling connection is down: ICE restarts wait, and who is here now is noted for a rejoin. */
  handleSignalingDown(): void {
    if (this.isClosed) return;
    this.knownAtDown = new Set(this.remotes.keys());
    this.seenSinceDown.clear();
  }

  /** @internal Signaling is back (resumed or rejoined): ICE restarts held meanwhile go now. */
  handleSignalingUp(): void {
    if (this.isClosed) return;
    for (const session of this.sessions.values()) session.handleSignalingUp();
  }

  /**
   * @internal The room was entered again after the server lost our seat (`resumed: 'id'`) or our
   * session (`fresh`: a new id). Peers are matched by id: connections that still work are kept,
   * the others rebuilt, and peers not back yet get `awaitMs` to return before they count as gone.
   */
  handleRejoined(joined: ServerMessageOf<'joined'>, options: RejoinOptions & { awaitMs?: number }): void {
    if (this.isClosed) return;
    this.selfInfo = joined.self;
    if (options.fresh) this.early.clear();
    const plan = planRejoin(this.knownAtDown, this.seenSinceDown, new Set(this.remotes.keys()), joined.peers, options);
    this.knownAtDown = new Set();
    for (const info of joined.peers) this.updatePeer(info);
    for (const id of plan.drop) this.handlePeerLeft(id, 'disconnected');
    for (const id of plan.await) this.awaitReturn(id, options.rebuild || options.fresh, options.awaitMs ?? REJOIN_AWAIT_MS);
    for (const id of plan.keep) this.sessions.get(id)?.handlePeerReturned();
    for (const id of plan.rebuild) this.replaceSession(id, { offer: true });
    for (const info of plan.add) {
      this.addPeer(info).offerLocalMedia();
      const peer = this.remotes.get(info.id);
      if (peer) this.emitter.emit('peerJoined', peer);
    }
  }

  private announceScreen(screen: string | undefined): void {
    if (this.isClosed) return;
    const { audio, video } = this.selfInfo.media;
    const next: MediaState = { audio, video, ...(screen ? { screen } : {}) };
    this.selfInfo = { ...this.selfInfo, media: next };
    this.transport.sendMedia(next);
  }

  private handlePeerReturned(info: PeerInfo): void {
    this.updatePeer(info);
    const waited = this.awaiting.get(info.id);
    this.stopAwaiting(info.id);
    if (waited?.rebuild) this.replaceSession(info.id, { offer: true });
    else this.sessions.get(info.id)?.handlePeerReturned();
  }

  private updatePeer(info: PeerInfo): void {
    const peer = this.remotes.get(info.id);
    const same = peer?.media.audio === info.media.audio && peer.media.video === info.media.video && peer.media.screen === info.media.screen;
    if (!peer || (peer.name === info.name && same)) return;
    this.handlePeerUpdated(info);
  }

  private awaitReturn(peerId: string, rebuild: boolean, ms: number): void {
    this.stopAwaiting(peerId);
    const timer = setTimeout(() => {
      this.awaiting.delete(peerId);
      this.handlePeerLeft(peerId, 'disconnected');
    }, ms);
    this.awaiting.set(peerId, { timer, rebuild });
  }

  private stopAwaiting(peerId: string): void {
    clearTimeout(this.awaiting.get(peerId)?.timer);
    this.awaiting.delete(peerId);
  }

  /**
   * A new peer connection to a peer we keep (same RemotePeer, so the same tile): offered by us
   * (`offer`), or answering the new connection the other side offered (`first`).
   */
  private replaceSession(peerId: string, { offer = false, first }: { offer?: boolean; first?: SignalData }): void {
    const peer = this.remotes.get(peerId);
    if (this.isClosed || !peer) return;
    const old = this.sessions.get(peerId);
    const stale = old?.staleRemoteSessions ?? [];
    old?.close();
    this.media.removePeer(peerId, { keepBackoff: true });
    peer.stopTracks();
    this.screensIn.handleTracksStopped(peer);
    peer.setConnectionState('new');
    const session = this.attachSession(peer, stale);
    this.emitter.emit('peerState', peer, 'new');
    if (offer) session.offerLocalMedia();
    if (first) session.handleSignal(first);
  }

  /**
   * Adopts a prepared connection (the lobby's, or one to a lobby visitor who joined): up already,
   * so only the media start, with `replaceTrack` on its senders (no renegotiation).
   */
  private adoptPeer(info: PeerInfo, session: PeerSession, { announce = false } = {}): void {
    const peer = new RemotePeer(info);
    this.remotes.set(info.id, peer);
    this.attachSession(peer, [], session);
    this.media.handleRoomSize();
    peer.setConnectionState(session.connectionState);
    if (announce) this.emitter.emit('peerJoined', peer);
    void session.startMedia(this.localStream).then(() => {
      if (!this.isClosed && this.sessions.get(peer.id) === session && session.connectionState === 'connected') this.media.handleConnected(peer);
    });
  }

  private addPeer(info: PeerInfo): PeerSession {
    const peer = new RemotePeer(info);
    this.remotes.set(info.id, peer);
    const session = this.attachSession(peer);
    this.media.handleRoomSize();
    return session;
  }

  private attachSession(peer: RemotePeer, ignoreRemoteSessions: readonly string[] = [], existing?: PeerSession): PeerSession {
    const session =
      existing ??
      new PeerSession({
        selfId: this.selfInfo.id,
        remoteId: peer.id,
        iceServers: this.iceServers,
        iceTransportPolicy: this.iceTransportPolicy,
        localStream: this.localStream,
        canSignal: () => this.transport.isUp?.() ?? true,
        ignoreRemoteSessions,
        ...(this.createPeerConnection ? { createPeerConnection: this.createPeerConnection } : {}),
      });
    session.on('signal', (data) => this.transport.sendSignal(peer.id, data));
    session.on('remoteReplaced', (offer) => this.replaceSession(peer.id, { first: offer }));
    session.on('receiveStalled', () => this.replaceSession(peer.id, { offer: true }));
    session.on('track', (track, streams) => {
      if (this.screensIn.handleTrack(peer, track, streams)) return;
      if (peer.addTrack(track)) this.emitter.emit('track', peer, track);
    });
    this.sharing.attach(session);
    session.on('connectionState', (state) => {
      peer.setConnectionState(state);
      if (state === 'connected') this.media.handleConnected(peer);
      this.emitter.emit('peerState', peer, state);
    });
    session.on('stats', (report) => this.media.handleStats(peer, report));
    // The first second of video goes out small (fast-start.ts); then the adaptive mesh takes over.
    session.on('fastStartEnded', () => this.media.handleConnected(peer));
    session.on('route', (route) => {
      peer.setRoute(route);
      this.emitter.emit('peerRoute', peer, route);
    });
    this.data.addPeer(peer, session.data);
    this.sessions.set(peer.id, session);
    return session;
  }

  private removePeer(peer: RemotePeer): void {
    this.data.removePeer(peer.id);
    this.sessions.get(peer.id)?.close();
    this.sessions.delete(peer.id);
    this.remotes.delete(peer.id);
    this.media.removePeer(peer.id);
    this.media.handleRoomSize();
    peer.stopTracks();
    this.screensIn.remove(peer.id);
  }

  private teardown(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.media.close();
    this.sharing.close();
    this.screensIn.close();
    for (const { timer } of this.awaiting.values()) clearTimeout(timer);
    this.awaiting.clear();
    // First, so transfers still going end as `closed` (you left), not `peer-left`.
    this.data.close();
    for (const peer of [...this.remotes.values()]) this.removePeer(peer);
    this.lobby.close();
    this.early.clear();
    this.emitter.emit('closed');
    this.emitter.removeAllListeners();
    this.onClosed();
  }
}
