import type { SignalKind } from './signal-payload.js';

/**
 * The ledger of every signal a load run sends: who sent it to whom, when, and what became of it.
 * Senders record each signal before it goes out; receivers record what arrives. At the end,
 * each signal is delivered once (good), never (lost), or more than once (duplicated).
 *
 * A signal to a peer that has left is not lost: the server may refuse it (`PEER_NOT_FOUND`) or the
 * peer may close before it arrives. A peer counts as departed from the moment it decides to leave
 * (before its `leave` goes out), so a refusal caused by that leave always finds it departed.
 */

export type ReceiveOutcome = 'delivered' | 'duplicate' | 'unknown' | 'misrouted';

interface SignalRecord {
  from: string;
  to: string;
  kind: SignalKind;
  sentAt: number;
  /** How many times it arrived. */
  received: number;
  refused: boolean;
}

export interface PairTally {
  from: string;
  to: string;
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  toDeparted: number;
}

export interface SignalVerdict {
  sent: number;
  /** Arrived exactly once (or at least once: duplicates are counted apart). */
  delivered: number;
  /** Sent to a live peer and never arrived. */
  lost: number;
  /** Extra copies that arrived of signals already delivered. */
  duplicated: number;
  /** Sent to a peer that left before it arrived, or refused because it had left: not a loss. */
  toDeparted: number;
  /** Arrived with an id no peer sent (corrupted on the way). */
  unknown: number;
  /** Arrived at the wrong peer, or stamped with the wrong sender. */
  misrouted: number;
  /** The (from, to) pairs with a lost or duplicated signal, worst first, at most `MAX_PAIRS_SHOWN`. */
  badPairs: PairTally[];
  clean: boolean;
}

/** Pairs listed in a verdict; the totals count them all. */
export const MAX_PAIRS_SHOWN = 20;

export class SignalLedger {
  private readonly records = new Map<number, SignalRecord>();
  private readonly departedPeers = new Set<string>();
  private lastId = 0;
  private unknown = 0;
  private misrouted = 0;
  private duplicated = 0;
  private deliveredCount = 0;
  /** Signals not yet arrived, by recipient, for the recipients still present. */
  private readonly pendingByRecipient = new Map<string, Set<number>>();
  private outstanding = 0;
  private readonly latencyListeners: Array<(ms: number, kind: SignalKind) => void> = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A fresh signal id, unique in this run. */
  nextId(): number {
    return ++this.lastId;
  }

  get sentCount(): number {
    return this.records.size;
  }

  get deliveredSoFar(): number {
    return this.deliveredCount;
  }

  /** Signals sent to peers still present that have not arrived yet. */
  get inFlight(): number {
    return this.outstanding;
  }

  /** Called with the relay latency of every first delivery. */
  onLatency(listener: (ms: number, kind: SignalKind) => void): void {
    this.latencyListeners.push(listener);
  }

  sent(id: number, from: string, to: string, kind: SignalKind): void {
    if (this.records.has(id)) throw new Error(`signal ${id} recorded as sent twice`);
    this.records.set(id, { from, to, kind, sentAt: this.now(), received: 0, refused: false });
    if (this.departedPeers.has(to)) return;
    let pending = this.pendingByRecipient.get(to);
    if (!pending) {
      pending = new Set();
      this.pendingByRecipient.set(to, pending);
    }
    pending.add(id);
    this.outstanding++;
  }

  /** Signal `id` will not be waited for any more (it arrived, or was refused). */
  private settle(id: number, to: string): void {
    const pending = this.pendingByRecipient.get(to);
    if (pending?.delete(id)) this.outstanding--;
  }

  received(id: number, from: string, to: string): ReceiveOutcome {
    const record = this.records.get(id);
    if (!record) {
      this.unknown++;
      return 'unknown';
    }
    if (record.from !== from || record.to !== to) {
      this.misrouted++;
      return 'misrouted';
    }
    record.received++;
    if (record.received > 1) {
      this.duplicated++;
      return 'duplicate';
    }
    this.deliveredCount++;
    this.settle(id, to);
    const ms = this.now() - record.sentAt;
    for (const listener of this.latencyListeners) listener(ms, record.kind);
    return 'delivered';
  }

  /**
   * The server refused signal `id` because its recipient is not in the room. Returns whether that
   * is expected (the recipient had left); if not, the caller counts it as an error.
   */
  refused(id: number): boolean {
    const record = this.records.get(id);
    if (!record || record.refused) return false;
    record.refused = true;
    this.settle(id, record.to);
    return this.departedPeers.has(record.to);
  }

  /** `peerId` is leaving (or gone): what has not reached it yet never will, and that is no loss. */
  departed(peerId: string): void {
    if (this.departedPeers.has(peerId)) return;
    this.departedPeers.add(peerId);
    this.outstanding -= this.pendingByRecipient.get(peerId)?.size ?? 0;
    this.pendingByRecipient.delete(peerId);
  }

  hasDeparted(peerId: string): boolean {
    return this.departedPeers.has(peerId);
  }

  /** The accounting so far; at the end of a run, after the last signals had time to arrive. */
  verdict(): SignalVerdict {
    const pairs = new Map<string, PairTally>();
    let lost = 0;
    let toDeparted = 0;
    for (const record of this.records.values()) {
      const key = `${record.from}\u0000${record.to}`;
      let pair = pairs.get(key);
      if (!pair) {
        pair = { from: record.from, to: record.to, sent: 0, delivered: 0, lost: 0, duplicated: 0, toDeparted: 0 };
        pairs.set(key, pair);
      }
      pair.sent++;
      if (record.received > 0) {
        pair.delivered++;
        pair.duplicated += record.received - 1;
      } else if (this.departedPeers.has(record.to)) {
        pair.toDeparted++;
        toDeparted++;
      } else {
        // Never arrived at a present peer (refused or not: a refusal is also counted as an error).
        pair.lost++;
        lost++;
      }
    }
    const badPairs = [...pairs.values()]
      .filter((p) => p.lost > 0 || p.duplicated > 0)
      .sort((a, b) => b.lost + b.duplicated - (a.lost + a.duplicated))
      .slice(0, MAX_PAIRS_SHOWN);
    return {
      sent: this.records.size,
      delivered: this.deliveredCount,
      lost,
      duplicated: this.duplicated,
      toDeparted,
      unknown: this.unknown,
      misrouted: this.misrouted,
      badPairs,
      clean: lost === 0 && this.duplicated === 0 && this.unknown === 0 && this.misrouted === 0,
    };
  }
}
