import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import { PeerState, type PeerStateHost } from './peer-state.js';
import type { RoomChannel } from './room-channel.js';

/** The room channel raised hands use. */
export const HAND_CHANNEL = 'confab.hand';

/** A hand on the wire: raised since `raisedAt` (the raiser's clock, ms since the epoch), or down. */
export type HandWireMessage = { raised: true; raisedAt: number } | { raised: false };

export function isHandWireMessage(body: unknown): body is HandWireMessage {
  if (typeof body !== 'object' || body === null) return false;
  const { raised, raisedAt } = body as Record<string, unknown>;
  if (raised === false) return raisedAt === undefined;
  return raised === true && typeof raisedAt === 'number' && Number.isFinite(raisedAt) && raisedAt >= 0;
}

/** A raised hand, as `room.hands.raised` lists it. */
export interface RaisedHand {
  peerId: string;
  name: string;
  /** When it went up, on the raiser's clock: the order of the queue. */
  raisedAt: number;
  self: boolean;
}

export type HandRaiseEvents = {
  /** Someone's hand (maybe yours) went up or down; `room.hands.raised` is the new queue. */
  change: [readonly RaisedHand[]];
};

export interface HandRaiseOptions {
  channel: RoomChannel<HandWireMessage>;
  host: PeerStateHost;
  self: () => { id: string; name: string };
  now?: () => number;
}

/**
 * Raised hands: `room.hands`. Your hand goes up and down with `raise()`, `lower()`, `toggle()`;
 * everyone's raised hands are in `raised`, first raised first. Hands travel peer to peer and are
 * sent again whenever a data channel opens, so someone joining later sees hands already up.
 */
export class HandRaise implements Subscribable<HandRaiseEvents> {
  private readonly emitter = new Emitter<HandRaiseEvents>();
  private readonly state: PeerState<HandWireMessage>;
  private readonly self: () => { id: string; name: string };
  private readonly now: () => number;
  private queue: readonly RaisedHand[] = [];

  /** @internal Made by the room. */
  constructor(options: HandRaiseOptions) {
    this.self = options.self;
    this.now = options.now ?? Date.now;
    this.state = new PeerState<HandWireMessage>(options.channel, options.host, { raised: false }, (value) => !value.raised);
    this.state.onChange(() => this.update());
  }

  /** Whether your hand is up. */
  get isRaised(): boolean {
    return this.state.own.raised;
  }

  /** Every raised hand, yours included, in the order they went up. A new array after each change. */
  get raised(): readonly RaisedHand[] {
    return this.queue;
  }

  on<K extends keyof HandRaiseEvents>(event: K, listener: Listener<HandRaiseEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof HandRaiseEvents>(event: K, listener: Listener<HandRaiseEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof HandRaiseEvents>(event: K, listener: Listener<HandRaiseEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  raise(): void {
    if (!this.isRaised) this.state.set({ raised: true, raisedAt: this.now() });
  }

  lower(): void {
    if (this.isRaised) this.state.set({ raised: false });
  }

  /** Raises your hand, or lowers it. Returns whether it is up now. */
  toggle(): boolean {
    if (this.isRaised) this.lower();
    else this.raise();
    return this.isRaised;
  }

  /** @internal */
  close(): void {
    this.state.close();
    this.emitter.removeAllListeners();
  }

  private update(): void {
    const hands: RaisedHand[] = [];
    const own = this.state.own;
    if (own.raised) {
      const self = this.self();
      hands.push({ peerId: self.id, name: self.name, raisedAt: own.raisedAt, self: true });
    }
    for (const { peer, value } of this.state.entries()) {
      if (value.raised) hands.push({ peerId: peer.id, name: peer.name, raisedAt: value.raisedAt, self: false });
    }
    const next = orderHands(hands);
    if (sameHands(next, this.queue)) return;
    this.queue = next;
    this.emitter.emit('change', this.queue);
  }
}

/** First raised first; the same instant is broken by peer id, so everyone sees the same order. */
export function orderHands(hands: readonly RaisedHand[]): RaisedHand[] {
  return [...hands].sort((a, b) => a.raisedAt - b.raisedAt || (a.peerId < b.peerId ? -1 : a.peerId > b.peerId ? 1 : 0));
}

function sameHands(a: readonly RaisedHand[], b: readonly RaisedHand[]): boolean {
  return (
    a.length === b.length &&
    a.every((hand, i) => {
      const other = b[i];
      return other !== undefined && hand.peerId === other.peerId && hand.name === other.name && hand.raisedAt === other.raisedAt;
    })
  );
}
