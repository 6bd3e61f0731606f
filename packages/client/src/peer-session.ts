import type { SignalData } from '@confab/protocol';
import { CandidateQueue } from './candidate-queue.js';
import { DataLink } from './data/data-link.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { availableOutgoingBitrate, endFastStart, FAST_START_MS, fastStartCanEnd, fastStartEncodings, fastStartScale, resetScale, startSmall } from './fast-start.js';
import { IceRestarter } from './ice-restarter.js';
import { localTrack, MEDIA_KINDS } from './local-media.js';
import { ExtraSenders, type ExtraTrack } from './media/extra-senders.js';
import { acquirePlaceholderVideo, type PlaceholderVideo } from './media/placeholder-video.js';
import { holdBackPoliteOffer } from './polite-offer.js';
import { ReceiveWatch } from './receive-watch.js';
import { sdpSessionId } from './sdp-session.js';
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

export interface PeerSessionOptions {
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
  /**
   * A prepared connection (a lobby's, before the click on Join): audio and video are negotiated
   * send-and-receive, ICE and DTLS complete, no sound and no picture flows: the audio sender has
   * no track, the video sender a blank one (`placeholderVideo`) so that its encoder is running at
   * the click; received tracks and data-channel frames wait. `startMedia()` attaches the tracks
   * without renegotiating.
   */
  prepared?: boolean;
  /**
   * For a prepared connection: the camera track that will probably be sent (not sent now), so the
   * video's small first encoding (fast-start.ts) is set during the preparation and the click only
   * has to attach the track.
   */
  videoHint?: () => MediaStreamTrack | undefined;
  /**
   * For a prepared connection: the blank video it sends until the click (media/placeholder-video.ts),
   * of the hinted camera's size. For tests and custom stacks; defaults to a black canvas.
   */
  placeholderVideo?: (width: number, height: number) => PlaceholderVideo | undefined;
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
  /** Until `startMedia()`: a prepared connection, sending nothing; the tracks it received wait here. */
  private preparing: { tracks: [MediaStreamTrack, readonly MediaStream[]][] } | undefined;
  /** The fast start's scale already set on the prepared video sender (from `videoHint`). */
  private preparedScale: number | undefined;
  /** The blank video a prepared connection sends until the camera replaces it (placeholder-video.ts). */
  private placeholder: PlaceholderVideo | undefined;
  private readonly videoHint: () => MediaStreamTrack | undefined;
  private readonly placeholderVideo: (width: number, height: number) => PlaceholderVideo | undefined;
  private readonly emitter = new Emitter<PeerSessionEvents>();
  private readonly heldCandidates = new CandidateQueue();
  private readonly routes: RouteMonitor;
  private readonly restarter: IceRestarter;
  private readonly receiveWatch: ReceiveWatch;
  /** The SDP session id of the other side's peer connection, from its first description. */
  private remoteSession: string | undefined;
  private readonly ignoredSessions: ReadonlySet<string>;
  /** Inbound signals are handled one at a time, in arrival order. */
  private inbound: Promise<void> = Promise.resolve();
  private makingOffer = false;
  private ignoreOffer = false;
  private isSettingRemoteAnswerPending = false;
  /** Whether local tracks were added (as offerer) or attached to an offer (as answerer). */
  private localMediaAttached = false;
  /** Tracks sent besides the camera and microphone (a shared screen). */
  private readonly extras: ExtraSenders;
  /** The camera's sender while its first second goes out small (fast-start.ts). */
  private fastStartSender: RTCRtpSender | undefined;
  private fastStartTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the connection first came up (Date.now()), for the fast start's longest hold. */
  private connectedAt: number | undefined;
  private closed = false;

  constructor(options: PeerSessionOptions) {
    this.remoteId = options.remoteId;
    this.polite = options.selfId < options.remoteId;
    this.localStream = options.localStream;
    this.data = new DataLink(options.remoteId);
    this.videoHint = options.videoHint ?? (() => undefined);
    this.placeholderVideo = options.placeholderVideo ?? acquirePlaceholderVideo;
    if (options.prepared) {
      this.preparing = { tracks: [] };
      this.data.hold();
    }
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
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => this.sendCandidate(candidate);
    this.pc.ontrack = ({ track, streams }) => {
      if (this.preparing) this.preparing.tracks.push([track, streams]);
      else this.emitter.emit('track', track, streams);
    };
    this.extras = new ExtraSenders(this.pc);
    this.pc.onconnectionstatechange = () => this.onConnectionState(this.pc.connectionState);
    this.ignoredSessions = new Set(options.ignoreRemoteSessions ?? []);
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
    if (this.closed || this.fastStartSender) return undefined;
    const camera = localTrack(this.localStream, 'video');
    return camera ? this.pc.getSenders().find((sender) => sender.track === camera) : undefined;
  }

  /** The SDP session id of the other side's peer connection, once a description came from it. */
  get remoteSessionId(): string | undefined {
    return this.remoteSession;
  }

  /** SDP session ids whose offers this session drops: the other side's old connections, and its current one. */
  get staleRemoteSessions(): string[] {
    return [...this.ignoredSessions, ...(this.remoteSession ? [this.remoteSession] : [])];
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
    if (this.preparing) {
      // Both directions negotiated now, with nothing to send yet: `startMedia()` fills them in.
      const sendEncodings = fastStartEncodings(this.videoHint());
      this.preparedScale = fastStartScale(this.videoHint());
      for (const kind of MEDIA_KINDS) {
        const transceiver = this.pc.addTransceiver(kind, { direction: 'sendrecv', ...(kind === 'video' && sendEncodings ? { sendEncodings } : {}) });
        if (kind === 'video') void this.sendPlaceholder(transceiver.sender);
      }
      this.extras.ready();
      return;
    }
    const streams = this.localStream ? [this.localStream] : [];
    for (const kind of MEDIA_KINDS) {
      const track = localTrack(this.localStream, kind);
      const sendEncodings = kind === 'video' ? fastStartEncodings(track) : undefined;
      const transceiver = this.pc.addTransceiver(track ?? kind, {
        direction: track ? 'sendrecv' : 'recvonly',
        streams,
        ...(sendEncodings ? { sendEncodings } : {}),
      });
      if (sendEncodings) this.fastStartSender = transceiver.sender;
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
    return this.preparing !== undefined;
  }

  /**
   * The click on Join, for a prepared connection: the tracks received meanwhile are emitted
   * (`track`), held data-channel frames are delivered, and the tracks of `stream` go on the
   * negotiated senders with `replaceTrack` (no renegotiation), the video small at first
   * (fast-start.ts). The owner subscribes to this session's events before calling it.
   */
  async startMedia(stream: MediaStream | null): Promise<void> {
    const preparing = this.preparing;
    if (this.closed || !preparing) return;
    this.preparing = undefined;
    this.localStream = stream;
    const work: Promise<unknown>[] = [];
    for (const kind of MEDIA_KINDS) {
      const track = localTrack(stream, kind);
      const sender = this.mediaTransceiver(kind)?.sender;
      if (!sender) continue;
      if (track) work.push(this.startSender(kind, sender, track));
      else if (kind === 'video' && this.placeholder) work.push(this.stopPlaceholder(sender));
    }
    for (const [track, streams] of preparing.tracks) this.emitter.emit('track', track, streams);
    this.data.release();
    await Promise.all(work);
  }

  private async startSender(kind: string, sender: RTCRtpSender, track: MediaStreamTrack): Promise<void> {
    try {
      if (kind === 'video') {
        // Set during the preparation when the camera was known then: one step less after the click.
        const scale = fastStartScale(track);
        const small = scale !== undefined && (scale === this.preparedScale || (await startSmall(sender, track).catch(() => false)));
        if (this.closed) return;
        if (small) {
          this.fastStartSender = sender;
          if (this.pc.connectionState === 'connected') this.startFastStartTimer();
        } else if (this.preparedScale !== undefined) {
          // Prepared for a larger camera than the one sent: no scaling after all.
          await resetScale(sender);
        }
      }
      if (this.closed) return;
      await sender.replaceTrack(track);
      this.releasePlaceholder();
    } catch (err) {
      if (!this.closed) console.warn(`[confab] could not start sending ${kind} to peer ${this.remoteId}:`, err);
    }
  }

  /**
   * A prepared connection sends a blank picture of the camera's size until the click, so that the
   * encoder and the bitrate estimate are running when the camera replaces it (no picture leaves).
   */
  private async sendPlaceholder(sender: RTCRtpSender): Promise<void> {
    const settings = this.videoHint()?.getSettings?.();
    if (!settings?.width || !settings.height || this.placeholder) return;
    const placeholder = this.placeholderVideo(settings.width, settings.height);
    if (!placeholder) return;
    this.placeholder = placeholder;
    try {
      await sender.replaceTrack(placeholder.track);
    } catch {
      this.releasePlaceholder();
    }
  }

  /** Joined with no camera: the blank picture stops too. */
  private async stopPlaceholder(sender: RTCRtpSender): Promise<void> {
    try {
      await sender.replaceTrack(null);
    } catch {
      // Closed meanwhile: nothing is sent either way.
    }
    this.releasePlaceholder();
  }

  private releasePlaceholder(): void {
    this.placeholder?.release();
    this.placeholder = undefined;
  }

  /** The transceiver of the camera or microphone: the first one of its kind (the others are extras). */
  private mediaTransceiver(kind: string): RTCRtpTransceiver | undefined {
    return this.pc.getTransceivers().find((t) => t.receiver.track.kind === kind && t.currentDirection !== 'stopped');
  }

  /** Handles a description or candidate relayed from the remote peer. */
  handleSignal(data: SignalData): void {
    if (this.closed) return;
    if ('description' in data) {
      // Checked on arrival, not in the queue, so that the candidates that follow a new
      // connection's offer reach the session that replaces this one.
      const session = sdpSessionId(data.description.sdp);
      if (session !== undefined) {
        if (this.ignoredSessions.has(session)) return;
        if (this.remoteSession !== undefined && session !== this.remoteSession && data.description.type === 'offer') {
          this.emitter.emit('remoteReplaced', data);
          return;
        }
        this.remoteSession ??= session;
      }
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
    if (this.pc.signalingState === 'have-local-offer' && !this.makingOffer) this.sendDescription();
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
    clearTimeout(this.fastStartTimer);
    this.fastStartSender = undefined;
    this.receiveWatch.close();
    this.releasePlaceholder();
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.data.close();
    this.pc.close();
    this.heldCandidates.clear();
    this.emitter.removeAllListeners();
  }

  private onConnectionState(state: RTCPeerConnectionState): void {
    if (state === 'connected') {
      this.routes.start();
      if (this.fastStartSender && this.fastStartTimer === undefined) this.startFastStartTimer();
    } else if (state === 'failed' || state === 'closed') {
      this.routes.stop({ reset: true });
    }
    this.restarter.onConnectionState(state);
    this.emitter.emit('connectionState', state);
  }

  private startFastStartTimer(): void {
    this.connectedAt = Date.now();
    this.fastStartTimer = setTimeout(() => void this.endFastStart(), FAST_START_MS);
  }

  /** The camera goes out at its full size again; the owner may now set its encoding. */
  private async endFastStart(): Promise<void> {
    const sender = this.fastStartSender;
    if (this.closed || !sender) return;
    const bitrate = await this.pc.getStats().then(availableOutgoingBitrate, () => undefined);
    if (this.closed) return;
    if (!fastStartCanEnd(bitrate, Date.now() - (this.connectedAt ?? 0))) {
      // Not yet: the estimate would not carry the full size. Asked again a little later.
      this.fastStartTimer = setTimeout(() => void this.endFastStart(), FAST_START_MS);
      return;
    }
    try {
      await endFastStart(sender, sender.track ?? undefined);
    } catch (err) {
      if (!this.closed) console.warn(`[confab] could not end the fast start of the video to peer ${this.remoteId}:`, err);
    }
    if (this.closed) return;
    this.fastStartSender = undefined;
    this.emitter.emit('fastStartEnded');
  }

  private async process(data: SignalData): Promise<void> {
    if (this.closed) return;
    try {
      if ('description' in data) await this.handleDescription(data.description);
      else await this.handleCandidate(data.candidate);
    } catch (err) {
      if (!this.closed) console.error(`[confab] signaling with peer ${this.remoteId} failed:`, err);
    }
  }

  private async negotiate(): Promise<void> {
    // On an established connection the polite side lets a simultaneous offer of the other side go
    // first (see polite-offer.ts); its own offer follows once that one is answered.
    if (this.polite && this.pc.remoteDescription && !(await holdBackPoliteOffer(this.pc, () => this.closed))) return;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.sendDescription();
    } catch (err) {
      if (!this.closed) console.error(`[confab] could not make an offer to peer ${this.remoteId}:`, err);
    } finally {
      this.makingOffer = false;
    }
  }

  private async handleDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const pc = this.pc;
    const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    const established = Boolean(pc.currentRemoteDescription);

    this.isSettingRemoteAnswerPending = description.type === 'answer';
    try {
      // On a collision the polite side gets here too; setRemoteDescription rolls back implicitly.
      await pc.setRemoteDescription(description);
    } finally {
      this.isSettingRemoteAnswerPending = false;
    }
    if (this.closed) return;
    await this.flushHeldCandidates();
    if (description.type !== 'offer') return;

    // The same pre-negotiated channels as the offerer's; made now, not earlier, so that they do
    // not fire negotiationneeded (and an offer of our own) before the newcomer's offer arrives.
    this.data.attach(pc);
    await this.attachLocalMediaToOffer();
    await pc.setLocalDescription();
    this.sendDescription();
    // Extra tracks waiting for the first answer go now, in an offer of our own.
    this.extras.ready();
    // A rollback on a connection that carries media can leave it deaf in Chromium: check.
    if (offerCollision && established) this.receiveWatch.check();
  }

  /**
   * The existing member's side, on the newcomer's first offer: put the local tracks on the
   * offered transceivers of the same kind, so the answer sends media back in the same round trip.
   */
  private async attachLocalMediaToOffer(): Promise<void> {
    if (this.localMediaAttached) return;
    this.localMediaAttached = true;
    if (this.preparing) {
      // A prepared connection answers send-and-receive with no track: `startMedia()` fills them in.
      const used = new Set<RTCRtpTransceiver>();
      for (const kind of MEDIA_KINDS) {
        const transceiver = this.freeTransceiver(kind, used);
        if (!transceiver) continue;
        transceiver.direction = 'sendrecv';
        const hint = kind === 'video' ? this.videoHint() : undefined;
        if (hint && (await startSmall(transceiver.sender, hint).catch(() => false))) this.preparedScale = fastStartScale(hint);
        if (kind === 'video') await this.sendPlaceholder(transceiver.sender);
      }
      return;
    }
    const stream = this.localStream;
    if (!stream) return;
    const used = new Set<RTCRtpTransceiver>();
    for (const kind of MEDIA_KINDS) {
      const track = localTrack(stream, kind);
      if (!track) continue;
      const transceiver = this.freeTransceiver(kind, used);
      if (!transceiver) continue;
      await transceiver.sender.replaceTrack(track);
      transceiver.sender.setStreams(stream);
      transceiver.direction = 'sendrecv';
      if (kind === 'video' && (await startSmall(transceiver.sender, track).catch(() => false))) {
        this.fastStartSender = transceiver.sender;
      }
    }
  }

  /** The first offered transceiver of `kind` with no track to send, not in `used` (which it joins). */
  private freeTransceiver(kind: string, used: Set<RTCRtpTransceiver>): RTCRtpTransceiver | undefined {
    const transceiver = this.pc
      .getTransceivers()
      .find(
        (t) =>
          !used.has(t) &&
          t.receiver.track.kind === kind &&
          t.sender.track === null &&
          t.direction !== 'stopped' &&
          t.currentDirection !== 'stopped',
      );
    if (transceiver) used.add(transceiver);
    return transceiver;
  }

  private async handleCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    if (!this.pc.remoteDescription) {
      // Candidates of an offer we ignored are useless; anything else waits for the description.
      if (!this.ignoreOffer && !this.heldCandidates.hold(candidate)) {
        console.warn(`[confab] too many early ICE candidates from peer ${this.remoteId}; dropping one.`);
      }
      return;
    }
    await this.addCandidate(candidate);
  }

  private async flushHeldCandidates(): Promise<void> {
    for (const candidate of this.heldCandidates.drain()) await this.addCandidate(candidate);
  }

  private async addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      // No argument means end-of-candidates.
      await (candidate ? this.pc.addIceCandidate(candidate) : this.pc.addIceCandidate());
    } catch (err) {
      // A candidate for an offer we ignored, or for a description since replaced, fails harmlessly.
      if (!this.ignoreOffer && !this.closed) {
        console.warn(`[confab] could not add an ICE candidate from peer ${this.remoteId}:`, err);
      }
    }
  }

  private sendDescription(): void {
    const description = this.pc.localDescription;
    if (this.closed || !description) return;
    this.emitter.emit('signal', { description: { type: description.type, sdp: description.sdp } });
  }

  private sendCandidate(candidate: RTCIceCandidate | null): void {
    if (this.closed) return;
    this.emitter.emit('signal', {
      candidate: candidate
        ? {
            candidate: candidate.candidate,
            sdpMid: candidate.sdpMid,
            sdpMLineIndex: candidate.sdpMLineIndex,
            usernameFragment: candidate.usernameFragment,
          }
        : null,
    });
  }
}
