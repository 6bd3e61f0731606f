/** Most candidates held for one peer connection; more than this means something is wrong, so the rest are dropped. */
export const MAX_HELD_CANDIDATES = 256;

/**
 * Remote ICE candidates that arrived before the remote description, held until
 * setRemoteDescription() has run (addIceCandidate() fails without one). `null` is the
 * end-of-candidates marker and is held like any candidate.
 */
export class CandidateQueue<Candidate = RTCIceCandidateInit | null> {
  private items: Candidate[] = [];

  constructor(private readonly max = MAX_HELD_CANDIDATES) {}

  /** Holds one candidate. Returns false, dropping it, when the queue is full. */
  hold(candidate: Candidate): boolean {
    if (this.items.length >= this.max) return false;
    this.items.push(candidate);
    return true;
  }

  /** Returns the held candidates in arrival order and empties the queue. */
  drain(): Candidate[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  clear(): void {
    this.items = [];
  }

  get size(): number {
    return this.items.length;
  }
}
