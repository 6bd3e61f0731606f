import type { SignalData } from '@confab/protocol';
import { RemoteCandidates } from './ice-candidates.js';
import { holdBackPoliteOffer } from './polite-offer.js';
import { withStartBitrate } from './start-bitrate.js';

/** What the negotiation of one connection needs of its peer session. */
export interface NegotiationHost {
  readonly remoteId: string;
  /** The side with the smaller id: it rolls back on a collision. */
  readonly polite: boolean;
  readonly pc: Pick<
    RTCPeerConnection,
    'signalingState' | 'remoteDescription' | 'currentRemoteDescription' | 'localDescription' | 'setLocalDescription' | 'setRemoteDescription' | 'addIceCandidate'
  >;
  isClosed(): boolean;
  /** A description or candidate for the other side. */
  send(data: SignalData): void;
  /** An offer was applied: what goes in our answer is attached now. */
  answering(): Promise<void>;
  /** The answer was sent. `rolledBack`: our own offer on an established connection was rolled back for it. */
  answered(rolledBack: boolean): void;
}

/**
 * The W3C "perfect negotiation" of one RTCPeerConnection: either side may offer at any time; on a
 * collision the polite side rolls back and answers, the impolite side ignores the offer. Remote
 * candidates trickle in through `handleCandidate()` (ice-candidates.ts).
 */
export class Negotiation {
  private makingOffer = false;
  private ignoreOffer = false;
  private isSettingRemoteAnswerPending = false;
  private readonly candidates: RemoteCandidates;

  constructor(private readonly host: NegotiationHost) {
    this.candidates = new RemoteCandidates({
      remoteId: host.remoteId,
      pc: host.pc,
      ignoringOffer: () => this.ignoreOffer,
      isClosed: () => host.isClosed(),
    });
  }

  /** `negotiationneeded`: makes and sends an offer. */
  async negotiate(): Promise<void> {
    const { pc } = this.host;
    // On an established connection the polite side lets a simultaneous offer of the other side go
    // first (see polite-offer.ts); its own offer follows once that one is answered.
    if (this.host.polite && pc.remoteDescription && !(await holdBackPoliteOffer(pc, () => this.host.isClosed()))) return;
    try {
      this.makingOffer = true;
      await pc.setLocalDescription();
      this.sendDescription();
    } catch (err) {
      if (!this.host.isClosed()) console.error(`[confab] could not make an offer to peer ${this.host.remoteId}:`, err);
    } finally {
      this.makingOffer = false;
    }
  }

  async handleDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const { pc } = this.host;
    const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.host.polite && offerCollision;
    if (this.ignoreOffer) return;
    const established = Boolean(pc.currentRemoteDescription);

    this.isSettingRemoteAnswerPending = description.type === 'answer';
    try {
      // On a collision the polite side gets here too; setRemoteDescription rolls back implicitly.
      // The video we send starts at a higher estimate than Chromium's own (start-bitrate.ts).
      await pc.setRemoteDescription(description.sdp ? { type: description.type, sdp: withStartBitrate(description.sdp) } : description);
    } finally {
      this.isSettingRemoteAnswerPending = false;
    }
    if (this.host.isClosed()) return;
    await this.candidates.flush();
    if (description.type !== 'offer') return;

    await this.host.answering();
    await pc.setLocalDescription();
    this.sendDescription();
    this.host.answered(offerCollision && established);
  }

  handleCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    return this.candidates.handle(candidate);
  }

  /** An offer the other side may have missed (it was away from the room) goes again. */
  resendOffer(): void {
    if (this.host.pc.signalingState === 'have-local-offer' && !this.makingOffer) this.sendDescription();
  }

  close(): void {
    this.candidates.clear();
  }

  private sendDescription(): void {
    const description = this.host.pc.localDescription;
    if (this.host.isClosed() || !description) return;
    this.host.send({ description: { type: description.type, sdp: description.sdp } });
  }
}
