import type { SignalData } from '@confab/protocol';

/** Most peers whose early signals are kept at once; the oldest is forgotten first. */
export const MAX_PENDING_PEERS = 16;
/** Most early signals kept for one peer (one offer and its candidates fit easily). */
export const MAX_PENDING_SIGNALS_PER_PEER = 64;

/**
 * Signals from a peer the room does not know yet. A transport may deliver a newcomer's offer
 * before its `peer-joined` (message order across connections is not guaranteed everywhere); the
 * room keeps those signals here and replays them once the peer is announced. Bounded, so signals
 * from a peer that never appears (or already left) cannot grow without limit.
 */
export class PendingSignals {
  private readonly byPeer = new Map<string, SignalData[]>();

  constructor(
    private readonly maxPeers = MAX_PENDING_PEERS,
    private readonly maxPerPeer = MAX_PENDING_SIGNALS_PER_PEER,
  ) {}

  add(peerId: string, data: SignalData): void {
    let list = this.byPeer.get(peerId);
    if (!list) {
      if (this.byPeer.size >= this.maxPeers) {
        const oldest = this.byPeer.keys().next();
        if (!oldest.done) this.byPeer.delete(oldest.value);
      }
      list = [];
      this.byPeer.set(peerId, list);
    }
    if (list.length < this.maxPerPeer) list.push(data);
  }

  /** Returns and forgets the signals kept for `peerId`, in arrival order. */
  take(peerId: string): SignalData[] {
    const list = this.byPeer.get(peerId) ?? [];
    this.byPeer.delete(peerId);
    return list;
  }

  drop(peerId: string): void {
    this.byPeer.delete(peerId);
  }

  clear(): void {
    this.byPeer.clear();
  }

  get peerCount(): number {
    return this.byPeer.size;
  }
}
