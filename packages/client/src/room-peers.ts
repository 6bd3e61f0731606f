import type { PeerInfo, SignalData } from '@confab/protocol';
import type { RoomData } from './data/room-data.js';
import type { RemoteScreens } from './media/remote-screens.js';
import type { RoomMedia } from './media/room-media.js';
import type { ScreenShare } from './media/screen-share.js';
import { localTrack } from './local-media.js';
import { PeerSession, type PeerSessionOptions } from './peer-session.js';
import { PendingSignals } from './pending-signals.js';
import { PreparedSessions } from './prepared-sessions.js';
import { RemotePeer } from './remote-peer.js';
import type { RoomEvents } from './room-events.js';

type PeerEvents = Pick<RoomEvents, 'peerJoined' | 'track' | 'peerState' | 'peerRoute'>;

/** What the room's peers need of the room: narrow parts of it, and where the events go. */
export interface RoomPeersHost {
  /** What every PeerSession of the room is made with (the rest is the remote peer's, and the media's). */
  session(): Omit<PeerSessionOptions, 'remoteId' | 'localStream' | 'ignoreRemoteSessions'>;
  /** The stream given to `join()`: sent on every connection. */
  localStream(): MediaStream | null;
  sendSignal(to: string, data: SignalData): void;
  isClosed(): boolean;
  /** The room's data layer: each connection's data channels. */
  data: Pick<RoomData, 'addPeer' | 'removePeer'>;
  /** Speaking, quality and the adaptive mesh. */
  media: Pick<RoomMedia<RemotePeer>, 'handleConnected' | 'handleStats' | 'handleRoomSize' | 'removePeer'>;
  /** The screens the others share. */
  screens: Pick<RemoteScreens<RemotePeer>, 'handleTrack' | 'handleTracksStopped' | 'remove'>;
  /** Your screen share, sent on every connection. */
  sharing: Pick<ScreenShare, 'attach'>;
  events: { emit<K extends keyof PeerEvents>(event: K, ...args: PeerEvents[K]): void };
}

/**
 * The other people in a room, and one peer connection to each: made (offered by us, or answering
 * theirs), adopted from a prepared connection (the lobby's, or one to a lobby visitor who
 * joined), rebuilt, and closed. Each connection's events become its RemotePeer's state and the
 * room's events. Signals are routed here: to a peer's connection, to a lobby visitor's, or held
 * until the peer they come from is announced.
 */
export class RoomPeers {
  /** Everyone else, by peer id, in join order (the room's `peers`). */
  readonly byId = new Map<string, RemotePeer>();
  private readonly sessions = new Map<string, PeerSession>();
  /** Signals from peers not announced yet. */
  private readonly early = new PendingSignals();
  /** Media-less connections to the room's lobby visitors (`peer-preparing`), adopted when they join. */
  private readonly visitors: PreparedSessions;

  constructor(private readonly host: RoomPeersHost) {
    this.visitors = new PreparedSessions({
      session: () => ({ ...host.session(), localStream: null, videoHint: () => localTrack(host.localStream(), 'video') }),
      sendSignal: (to, data) => host.sendSignal(to, data),
    });
  }

  get(peerId: string): RemotePeer | undefined {
    return this.byId.get(peerId);
  }

  has(peerId: string): boolean {
    return this.byId.has(peerId);
  }

  /** The connection to `peerId`, if any. */
  session(peerId: string): PeerSession | undefined {
    return this.sessions.get(peerId);
  }

  /** Every connection. */
  allSessions(): IterableIterator<PeerSession> {
    return this.sessions.values();
  }

  /**
   * We joined: the newcomer offers to everyone already there; they only answer. Where the lobby
   * prepared a connection (`prepared`, by peer id), that one is used: it is up already, and only
   * the media start. Prepared connections to people no longer there are closed.
   */
  enter(peers: readonly PeerInfo[], prepared: ReadonlyMap<string, PeerSession> = new Map()): void {
    const unused = new Map(prepared);
    for (const info of peers) {
      const ready = unused.get(info.id);
      unused.delete(info.id);
      if (ready) this.adopt(info, ready);
      else this.add(info, { offer: true });
    }
    for (const session of unused.values()) session.close();
  }

  /**
   * Someone joined after us: the connection prepared with them as a lobby visitor is adopted, or a
   * new one waits for their offer (and the signals they sent early). `peerJoined` either way.
   */
  join(info: PeerInfo): void {
    // A lobby visitor we prepared a connection with: it is up already; only the media start.
    const ready = this.visitors.take(info.id);
    if (ready) return this.adopt(info, ready, { announce: true });
    this.add(info, { announce: true });
    for (const data of this.early.take(info.id)) this.handleSignal(info.id, data);
  }

  /** A lobby visitor (`peer-preparing`) will offer a media-less connection: answered with nothing to send. */
  prepareVisitor(peerId: string): void {
    if (!this.visitors.open(peerId, { offer: false })) return;
    for (const data of this.early.take(peerId)) this.visitors.handleSignal(peerId, data);
  }

  /** The lobby visitor went away without joining (`peer-unprepared`). */
  dropVisitor(peerId: string): void {
    this.visitors.drop(peerId);
    if (!this.byId.has(peerId)) this.early.drop(peerId);
  }

  /** A signal from `from`: to their connection, to their prepared one, or held until they are announced. */
  handleSignal(from: string, data: SignalData): void {
    if (this.host.isClosed()) return;
    const session = this.sessions.get(from);
    if (session) session.handleSignal(data);
    else if (!this.visitors.handleSignal(from, data)) this.early.add(from, data);
  }

  /** Signals held for `peerId` are dropped (they left); all of them without an id (our id changed). */
  dropSignals(peerId?: string): void {
    if (peerId === undefined) this.early.clear();
    else this.early.drop(peerId);
  }

  /** Fresh STUN/TURN servers, for every connection (later ones get them from `session()`). */
  setIceServers(iceServers: RTCIceServer[]): void {
    for (const session of this.sessions.values()) session.setIceServers(iceServers);
    this.visitors.setIceServers(iceServers);
  }

  /** A new peer and a new connection to it: offered by us (`offer`), or waiting for their offer. `announce`: `peerJoined`. */
  add(info: PeerInfo, { offer = false, announce = false } = {}): void {
    const peer = new RemotePeer(info);
    this.byId.set(info.id, peer);
    const session = this.attachSession(peer);
    this.host.media.handleRoomSize();
    if (offer) session.offerLocalMedia();
    if (announce) this.host.events.emit('peerJoined', peer);
  }

  /**
   * Adopts a prepared connection (the lobby's, or one to a lobby visitor who joined): up already,
   * so only the media start, with `replaceTrack` on its senders (no renegotiation).
   */
  adopt(info: PeerInfo, session: PeerSession, { announce = false } = {}): void {
    const peer = new RemotePeer(info);
    this.byId.set(info.id, peer);
    this.attachSession(peer, [], session);
    this.host.media.handleRoomSize();
    peer.setConnectionState(session.connectionState);
    if (announce) this.host.events.emit('peerJoined', peer);
    void session.startMedia(this.host.localStream()).then(() => {
      if (!this.host.isClosed() && this.sessions.get(peer.id) === session && session.connectionState === 'connected') this.host.media.handleConnected(peer);
    });
  }

  /**
   * A new peer connection to a peer we keep (same RemotePeer, so the same tile): offered by us
   * (`offer`), or answering the new connection the other side offered (`first`).
   */
  replace(peerId: string, { offer = false, first }: { offer?: boolean; first?: SignalData }): void {
    const peer = this.byId.get(peerId);
    if (this.host.isClosed() || !peer) return;
    const old = this.sessions.get(peerId);
    const stale = old?.staleRemoteSessions ?? [];
    old?.close();
    this.host.media.removePeer(peerId, { keepBackoff: true });
    peer.stopTracks();
    this.host.screens.handleTracksStopped(peer);
    peer.setConnectionState('new');
    const session = this.attachSession(peer, stale);
    this.host.events.emit('peerState', peer, 'new');
    if (offer) session.offerLocalMedia();
    if (first) session.handleSignal(first);
  }

  /** Closes the connection to `peer` and stops its tracks. */
  remove(peer: RemotePeer): void {
    this.host.data.removePeer(peer.id);
    this.sessions.get(peer.id)?.close();
    this.sessions.delete(peer.id);
    this.byId.delete(peer.id);
    this.host.media.removePeer(peer.id);
    this.host.media.handleRoomSize();
    peer.stopTracks();
    this.host.screens.remove(peer.id);
  }

  /** Closes every connection, prepared ones included, and drops the signals held. */
  close(): void {
    for (const peer of [...this.byId.values()]) this.remove(peer);
    this.visitors.close();
    this.early.clear();
  }

  private attachSession(peer: RemotePeer, ignoreRemoteSessions: readonly string[] = [], existing?: PeerSession): PeerSession {
    const session = existing ?? new PeerSession({ ...this.host.session(), remoteId: peer.id, localStream: this.host.localStream(), ignoreRemoteSessions });
    const { events, media } = this.host;
    session.on('signal', (data) => this.host.sendSignal(peer.id, data));
    session.on('remoteReplaced', (offer) => this.replace(peer.id, { first: offer }));
    session.on('receiveStalled', () => this.replace(peer.id, { offer: true }));
    session.on('track', (track, streams) => {
      if (this.host.screens.handleTrack(peer, track, streams)) return;
      if (peer.addTrack(track)) events.emit('track', peer, track);
    });
    this.host.sharing.attach(session);
    session.on('connectionState', (state) => {
      peer.setConnectionState(state);
      if (state === 'connected') media.handleConnected(peer);
      events.emit('peerState', peer, state);
    });
    session.on('stats', (report) => media.handleStats(peer, report));
    // The first second of video goes out small (fast-start.ts); then the adaptive mesh takes over.
    session.on('fastStartEnded', () => media.handleConnected(peer));
    session.on('route', (route) => {
      peer.setRoute(route);
      events.emit('peerRoute', peer, route);
    });
    this.host.data.addPeer(peer, session.data);
    this.sessions.set(peer.id, session);
    return session;
  }
}
