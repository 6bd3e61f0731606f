import type { SignalData } from '@confab/protocol';
import { CandidateQueue } from './candidate-queue.js';

/** What the remote candidates of one connection need of its peer session. */
export interface RemoteCandidatesHost {
  readonly remoteId: string;
  readonly pc: Pick<RTCPeerConnection, 'remoteDescription' | 'addIceCandidate'>;
  /** Whether the last offer was ignored (perfect negotiation's impolite side): its candidates are useless. */
  ignoringOffer(): boolean;
  isClosed(): boolean;
}

/**
 * Trickle ICE, the remote side: candidates are added as they come, and those that arrive before a
 * remote description are held and added right after it.
 */
export class RemoteCandidates {
  private readonly held = new CandidateQueue();

  constructor(private readonly host: RemoteCandidatesHost) {}

  async handle(candidate: RTCIceCandidateInit | null): Promise<void> {
    if (!this.host.pc.remoteDescription) {
      // Candidates of an offer we ignored are useless; anything else waits for the description.
      if (!this.host.ignoringOffer() && !this.held.hold(candidate)) {
        console.warn(`[confab] too many early ICE candidates from peer ${this.host.remoteId}; dropping one.`);
      }
      return;
    }
    await this.add(candidate);
  }

  /** A remote description was set: the candidates held for it go in. */
  async flush(): Promise<void> {
    for (const candidate of this.held.drain()) await this.add(candidate);
  }

  clear(): void {
    this.held.clear();
  }

  private async add(candidate: RTCIceCandidateInit | null): Promise<void> {
    try {
      // No argument means end-of-candidates.
      await (candidate ? this.host.pc.addIceCandidate(candidate) : this.host.pc.addIceCandidate());
    } catch (err) {
      // A candidate for an offer we ignored, or for a description since replaced, fails harmlessly.
      if (!this.host.ignoringOffer() && !this.host.isClosed()) {
        console.warn(`[confab] could not add an ICE candidate from peer ${this.host.remoteId}:`, err);
      }
    }
  }
}

/** Trickle ICE, the local side: a gathered candidate (null: gathering is over) as the signal that carries it. */
export function candidateSignal(candidate: RTCIceCandidate | null): SignalData {
  return {
    candidate: candidate
      ? {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
          usernameFragment: candidate.usernameFragment,
        }
      : null,
  };
}
