import type { SignalData } from '@confab/protocol';
import { DataLink } from './data/data-link.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { FastStartSender } from './fast-start-sender.js';
import { candidateSignal } from './ice-candidates.js';
import { IceRestarter } from './ice-restarter.js';
import { localTrack } from './local-media.js';
import { addMediaTransceivers, attachToOffer } from './media-transceivers.js';
import { ExtraSenders, type ExtraTrack } from './media/extra-senders.js';
import { Negotiation } from './negotiation.js';
import { PreparedMedia, type PreparedMediaOptions } from './prepared-media.js';
import { ReceiveWatch } from './receive-watch.js';
import { RemoteSessions } from './sdp-session.js';
import { RouteMonitor, STATS_POLL_MS, type PeerRoute, type StatsLike } from './route.js';

export type PeerSessionEvents = {
  /** A description or candidate to relay to the remote peer. */
  signal: [SignalData];
  /** A track arrived from the remote peer, with the streams (msids) it was sent in. */
  track: [MediaStreamTrack, readonly MediaStream[]];
  connectionState: [RTCPeerConnectionState];
  /** The route media takes (direct or through TURN), read from stats while connected. */
  route: [PeerRoute];
  /** Each `getStats()` report of the shared poll (every STATS_POLL_MS while connected). */
  stats: [StatsLike];
  /**
   * The other side offered from a new peer connection (it rebuilt its end after a long outage):
   * this session cannot continue. The owner replaces it and hands the offer to the new one.
   */
  remoteReplaced: [SignalData];
  /** After a rollback, incoming media stopped although the connection is up: it needs rebuilding. */
  receiveStalled: [];
  /** The video's fast start (fast-start.ts) is over: `videoSender()` returns the camera's sender from now on. */
  fastStartEnded: [];
};

/** The prepared-join options (`prepared`, `videoHint`, `placeholderVideo`) are documented in prepared-media.ts. */
export interface PeerSessionOptions extends PreparedMediaOptions {
  selfId: string;
  remoteId: string;
  /** From `welcome`; never hard-coded. */
  iceServers: RTCIceServer[];
  /** `relay` sends everything through TURN; from `welcome` or the user's choice. Default `all`. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** The caller's media. Its tracks are sent, never stopped, by the session. */
  localStream: MediaStream | null;
  /** For tests and custom stacks; defaults to `new RTCPeerConnection(config)`. */
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
  /** Whether signals reach the other side now (false while signaling reconnects). Default: always. */
  canSignal?: () => boolean;
  /** SDP session ids of the other side's old peer connections, whose late offers are dropped. */
  ignoreRemoteSessions?: readonly string[];
}

/**
 * One RTCPeerConnection to one remote peer, negotiated with the W3C "perfect negotiation"
 * pattern: either side may offer at any time; on a collision the polite side (the one with the
 * smaller id) rolls back and answers, the impolite side ignores the offer. ICE trickles both ways;
 * remote candidates that arrive before a remote description are held and added right after it.
 *
 * Incoming data enters through `handleSignal()`; outgoing data leaves as `signal` events.
 */
export class PeerSession implements Subscribable<PeerSessionEvents> {
  readonly remoteId: string;
  readonly polite: boolean;
  /** The data channels to this peer (chat, room channels, files), made with the first offer or answer. */
  readonly data: DataLink;
  private readonly pc: RTCPeerConnection;
  private localStream: MediaStream | null;
  /** A prepared connection's media (prepared-media.ts): sending nothing, and holding what it receives, until `startMedia()`. */
  private readonly prepared: PreparedMedia | undefined;
  private readonly emitter = new Emitter<PeerSessionEvents>();
  /** Perfect negotiation and trickle ICE (negotiation.ts). */
  private readonly negotiation: Negotiation;
  private readonly routes: RouteMonitor;
  private readonly restarter: IceRestarter;
  private readonly receiveWatch: ReceiveWatch;
  /** The other side's peer connection, from its first description, and its old ones. */
  private readonly remoteSessions: RemoteSessions;
  /** Inbound signals are handled one at a time, in arrival order. */
  private inbound: Promise<void> = Promise.resolve();
  /** Whether local tracks were added (as offerer) or attached to an offer (as answerer). */
  private localMediaAttached = false;
  /** Tracks sent besides the camera and microphone (a shared screen). */
  private readonly extras: ExtraSenders;
  /** The camera's sender while its first second goes out small (fast-start.ts). */
  private readonly fastStart: FastStartSender;
  private closed = false;

  constructor(options: PeerSessionOptions) {
    this.remoteId = options.remoteId;
    this.polite = options.selfId < options.remoteId;
    this.localStream = options.localStream;
    this.data = new DataLink(options.remoteId);
    const create = options.createPeerConnection ?? ((config: RTCConfiguration) => new RTCPeerConnection(config));
    this.pc = create({
      iceServers: options.iceServers,
      // `all` is the browser's default: only `relay` needs saying.
      ...(options.iceTransportPolicy === 'relay' ? { iceTransportPolicy: 'relay' as const } : {}),
    });
    this.routes = new RouteMonitor(
      () => this.pc.getStats(),
      (route) => this.emitter.emit('route', route),
      STATS_POLL_MS,
      (report) => this.emitter.emit('stats', report),
    );
    this.pc.onnegotiationneeded = () => void this.negotiation.negotiate();
    this.pc.onicecandidate = ({ candidate }) => {
      if (!this.closed) this.emitter.emit('signal', candidateSignal(candidate));
    };
    this.pc.ontrack = ({ track, streams }) => {
      if (!this.prepared?.holdTrack(track, streams)) this.emitter.emit('track', track, streams);
    };
    this.extras = new ExtraSenders(this.pc);
    this.pc.onconnectionstatechange = () => this.onConnectionState(this.pc.connectionState);
    this.remoteSessions = new RemoteSessions(options.ignoreRemoteSessions);
    this.negotiation = new Negotiation({
      remoteId: this.remoteId,
      polite: this.polite,
      pc: this.pc,
      isClosed: () => this.closed,
      send: (data) => this.emitter.emit('signal', data),
      answering: async () => {
        // The same pre-negotiated channels as the offerer's; made now, not earlier, so that they do
        // not fire negotiationneeded (and an offer of our own) before the newcomer's offer arrives.
        this.data.attach(this.pc);
        await this.attachLocalMediaToOffer();
      },
      answered: (rolledBack) => {
        // Extra tracks waiting for the first answer go now, in an offer of our own.
        this.extras.ready();
        // A rollback on a connection that carries media can leave it deaf in Chromium: check.
        if (rolledBack) this.receiveWatch.check();
      },
    });
    this.restarter = new IceRestarter({
      restart: () => this.restartIce(),
      canSignal: options.canSignal ?? (() => true),
    });
    this.receiveWatch = new ReceiveWatch({
      getStats: () => this.pc.getStats(),
      expectsMedia: () =>
        this.pc.connectionState === 'connected' &&
        this.pc.getTransceivers().some((t) => t.currentDirection === 'sendrecv' || t.currentDirection === 'recvonly'),
      onStalled: () => {
        console.warn(`[confab] no media from peer ${this.remoteId} since a rollback; rebuilding the connection.`);
        this.emitter.emit('receiveStalled');
      },
    });
    this.fastStart = new FastStartSender({
      remoteId: this.remoteId,
      getStats: () => this.pc.getStats(),
      isConnected: () => this.pc.connectionState === 'connected',
      ended: () => this.emitter.emit('fastStartEnded'),
    });
    this.prepared = options.prepared
      ? new PreparedMedia(
          {
            remoteId: this.remoteId,
            pc: this.pc,
            data: this.data,
            isClosed: () => this.closed,
            emitTrack: (track, streams) => this.emitter.emit('track', track, streams),
            fastStart: (sender) => this.fastStart.begin(sender),
          },
          options,
        )
      : undefined;
  }

  on<K extends keyof PeerSessionEvents>(event: K, listener: Listener<PeerSessionEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof PeerSessionEvents>(event: K, listener: Listener<PeerSessionEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof PeerSessionEvents>(event: K, listener: Listener<PeerSessionEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  get route(): PeerRoute {
    return this.routes.route;
  }

  /** The sender of our camera to this peer, once it has a track (for the adaptive mesh's encodings). */
  videoSender(): RTCRtpSender | undefined {
    // During the fast start the encoding is the fast start's; `fastStartEnded` says when it is over.
    if (this.closed || this.fastStart.active) return undefined;
    const camera = localTrack(this.localStream, 'video');
    return camera ? this.pc.getSenders().find((sender) => sender.track === camera) : undefined;
  }

  /** The SDP session id of the other side's peer connection, once a description came from it. */
  get remoteSessionId(): string | undefined {
    return this.remoteSessions.id;
  }

  /** SDP session ids whose offers this session drops: the other side's old connections, and its current one. */
  get staleRemoteSessions(): string[] {
    return this.remoteSessions.stale;
  }

  /** ICE restarts started so far (a `failed` connection, or one `disconnected` for too long). */
  get iceRestarts(): number {
    return this.restarter.restarts;
  }

  /**
   * New STUN/TURN servers (fresh TURN credentials). The connection keeps its current path and
   * allocations (coturn keeps refreshing an allocation it already authenticated); the new servers
   * are used for every later gathering: an ICE restart, a network change.
   */
  setIceServers(iceServers: RTCIceServer[]): void {
    if (this.closed) return;
    try {
      this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
    } catch (err) {
      console.warn(`[confab] could not update the ICE servers for peer ${this.remoteId}:`, err);
    }
  }

  /**
   * The newcomer's side: one transceiver per kind, sending the local track when there is one and
   * receive-only otherwise (so someone with no camera still sees the others). This fires
   * `negotiationneeded`, which sends the offer.
   */
  offerLocalMedia(): void {
    if (this.closed || this.localMediaAttached) return;
    this.localMediaAttached = true;
    // Pre-negotiated channels: in the first offer, so no extra round trip and no extra signaling.
    this.data.attach(this.pc);
    if (this.prepared?.waiting) {
      this.prepared.offer();
    } else {
      const small = addMediaTransceivers(this.pc, this.localStream);
      if (small) this.fastStart.begin(small);
    }
    this.extras.ready();
  }

  /**
   * Sends one more track (a shared screen) on a send-only transceiver of its own; the
   * renegotiation follows on its own. Before the first negotiation it waits, and goes with it
   * (as offerer) or right after the answer.
   */
  addExtraTrack(extra: ExtraTrack): void {
    if (!this.closed) this.extras.add(extra);
  }

  /** Stops sending a track added with `addExtraTrack()` (renegotiates). */
  removeExtraTrack(track: MediaStreamTrack): void {
    if (!this.closed) this.extras.remove(track);
  }

  /**
   * Sends `next` instead of `previous` (another camera or microphone) with
   * `RTCRtpSender.replaceTrack`: no renegotiation. Resolves false when `previous` is not sent here.
   */
  async replaceTrack(previous: MediaStreamTrack, next: MediaStreamTrack): Promise<boolean> {
    if (this.closed) return false;
    const sender = this.pc.getSenders().find((s) => s.track === previous);
    if (!sender) return false;
    await sender.replaceTrack(next);
    return true;
  }

  /** Whether this is a prepared connection whose media has not started (`startMedia()`). */
  get isPrepared(): boolean {
    return this.prepared?.waiting ?? false;
  }

  /**
   * The click on Join, for a prepared connection: the tracks received meanwhile are emitted
   * (`track`), held data-channel frames are delivered, and the tracks of `stream` go on the
   * negotiated senders with `replaceTrack` (no renegotiation), the video small at first
   * (fast-start.ts). The owner subscribes to this session's events before calling it.
   */
  async startMedia(stream: MediaStream | null): Promise<void> {
    if (this.closed || !this.prepared?.waiting) return;
    this.localStream = stream;
    await this.prepared.start(stream);
  }

  /**
   * A prepared connection before its start: the hinted camera (`videoHint`) changed, so its blank
   * picture and small first encoding follow it (prepared-media.ts).
   */
  refreshPreparedVideo(): Promise<void> {
    return this.prepared?.refreshVideo() ?? Promise.resolve();
  }

  /** Handles a description or candidate relayed from the remote peer. */
  handleSignal(data: SignalData): void {
    if (this.closed) return;
    if ('description' in data) {
      // Checked on arrival, not in the queue, so that the candidates that follow a new
      // connection's offer reach the session that replaces this one.
      const from = this.remoteSessions.classify(data.description);
      if (from === 'ignore') return;
      if (from === 'replaced') return this.emitter.emit('remoteReplaced', data);
    }
    this.inbound = this.inbound.then(() => this.process(data));
  }

  /** Signaling is back after an outage: an ICE restart held meanwhile goes now. */
  handleSignalingUp(): void {
    if (!this.closed) this.restarter.handleSignalingUp();
  }

  /**
   * The other side is back in the room after a reconnect: an offer it may have missed (sent while
   * it was not in the room) goes again, and a held ICE restart goes now.
   */
  handlePeerReturned(): void {
    if (this.closed) return;
    this.negotiation.resendOffer();
    this.restarter.handleSignalingUp();
  }

  /** The page is back from the background: a failed or disconnected connection restarts ICE now. */
  recover(): void {
    if (!this.closed) this.restarter.check();
  }

  /** Restarts ICE: the next offer carries new credentials. Renegotiation follows on its own. */
  restartIce(): void {
    if (!this.closed) this.pc.restartIce();
  }

  /** Closes the peer connection and drops every listener. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.routes.stop();
    this.restarter.close();
    this.fastStart.close();
    this.receiveWatch.close();
    this.prepared?.close();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.data.close();
    this.pc.close();
    this.negotiation.close();
    this.emitter.removeAllListeners();
  }

  private onConnectionState(state: RTCPeerConnectionState): void {
    if (state === 'connected') {
      this.routes.start();
      this.fastStart.handleConnected();
    } else if (state === 'failed' || state === 'closed') {
      this.routes.stop({ reset: true });
    }
    this.restarter.onConnectionState(state);
    this.emitter.emit('connectionState', state);
  }

  private async process(data: SignalData): Promise<void> {
    if (this.closed) return;
    try {
      if ('description' in data) await this.negotiation.handleDescription(data.description);
      else await this.negotiation.handleCandidate(data.candidate);
    } catch (err) {
      if (!this.closed) console.error(`[confab] signaling with peer ${this.remoteId} failed:`, err);
    }
  }

  /**
   * The existing member's side, on the newcomer's first offer: put the local tracks on the
   * offered transceivers of the same kind, so the answer sends media back in the same round trip.
   */
  private async attachLocalMediaToOffer(): Promise<void> {
    if (this.localMediaAttached) return;
    this.localMediaAttached = true;
    if (this.prepared?.waiting) return this.prepared.answer();
    const small = await attachToOffer(this.pc, this.localStream);
    if (small) this.fastStart.begin(small);
  }
}
