import type { SignalData } from '@confab/protocol';
import { CandidateQueue } from './candidate-queue.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { localTrack, MEDIA_KINDS } from './local-media.js';

export type PeerSessionEvents = {
  /** A description or candidate to relay to the remote peer. */
  signal: [SignalData];
  /** A track arrived from the remote peer. */
  track: [MediaStreamTrack];
  connectionState: [RTCPeerConnectionState];
};

export interface PeerSessionOptions {
  selfId: string;
  remoteId: string;
  /** From `welcome`; never hard-coded. */
  iceServers: RTCIceServer[];
  /** The caller's media. Its tracks are sent, never stopped, by the session. */
  localStream: MediaStream | null;
  /** For tests and custom stacks; defaults to `new RTCPeerConnection(config)`. */
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
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
  private readonly pc: RTCPeerConnection;
  private readonly localStream: MediaStream | null;
  private readonly emitter = new Emitter<PeerSessionEvents>();
  private readonly heldCandidates = new CandidateQueue();
  /** Inbound signals are handled one at a time, in arrival order. */
  private inbound: Promise<void> = Promise.resolve();
  private makingOffer = false;
  private ignoreOffer = false;
  private isSettingRemoteAnswerPending = false;
  /** Whether local tracks were added (as offerer) or attached to an offer (as answerer). */
  private localMediaAttached = false;
  private closed = false;

  constructor(options: PeerSessionOptions) {
    this.remoteId = options.remoteId;
    this.polite = options.selfId < options.remoteId;
    this.localStream = options.localStream;
    const create = options.createPeerConnection ?? ((config: RTCConfiguration) => new RTCPeerConnection(config));
    this.pc = create({ iceServers: options.iceServers });
    this.pc.onnegotiationneeded = () => void this.negotiate();
    this.pc.onicecandidate = ({ candidate }) => this.sendCandidate(candidate);
    this.pc.ontrack = ({ track }) => this.emitter.emit('track', track);
    this.pc.onconnectionstatechange = () => this.emitter.emit('connectionState', this.pc.connectionState);
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

  /**
   * The newcomer's side: one transceiver per kind, sending the local track when there is one and
   * receive-only otherwise (so someone with no camera still sees the others). This fires
   * `negotiationneeded`, which sends the offer.
   */
  offerLocalMedia(): void {
    if (this.closed || this.localMediaAttached) return;
    this.localMediaAttached = true;
    const streams = this.localStream ? [this.localStream] : [];
    for (const kind of MEDIA_KINDS) {
      const track = localTrack(this.localStream, kind);
      this.pc.addTransceiver(track ?? kind, { direction: track ? 'sendrecv' : 'recvonly', streams });
    }
  }

  /** Handles a description or candidate relayed from the remote peer. */
  handleSignal(data: SignalData): void {
    if (this.closed) return;
    this.inbound = this.inbound.then(() => this.process(data));
  }

  /** Restarts ICE: the next offer carries new credentials. Renegotiation follows on its own. */
  restartIce(): void {
    if (!this.closed) this.pc.restartIce();
  }

  /** Closes the peer connection and drops every listener. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.onnegotiationneeded = null;
    this.pc.onicecandidate = null;
    this.pc.ontrack = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.heldCandidates.clear();
    this.emitter.removeAllListeners();
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

    await this.attachLocalMediaToOffer();
    await pc.setLocalDescription();
    this.sendDescription();
  }

  /**
   * The existing member's side, on the newcomer's first offer: put the local tracks on the
   * offered transceivers of the same kind, so the answer sends media back in the same round trip.
   */
  private async attachLocalMediaToOffer(): Promise<void> {
    if (this.localMediaAttached) return;
    this.localMediaAttached = true;
    const stream = this.localStream;
    if (!stream) return;
    const used = new Set<RTCRtpTransceiver>();
    for (const kind of MEDIA_KINDS) {
      const track = localTrack(stream, kind);
      if (!track) continue;
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
      if (!transceiver) continue;
      used.add(transceiver);
      await transceiver.sender.replaceTrack(track);
      transceiver.sender.setStreams(stream);
      transceiver.direction = 'sendrecv';
    }
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
