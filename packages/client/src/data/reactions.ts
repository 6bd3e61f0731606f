import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import type { RemotePeer } from '../remote-peer.js';
import { RateLimiter } from './rate-limiter.js';
import type { RoomChannel } from './room-channel.js';

/** The room channel reactions use. */
export const REACTIONS_CHANNEL = 'confab.reactions';
/** The reactions there are: a small fixed set, so nobody can send arbitrary text this way. */
export const REACTION_EMOJI = ['👍', '👏', '😂', '❤️', '🎉', '😮'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJI)[number];
/** At most this many reactions from one person in REACTION_WINDOW_MS; more are dropped (sent and received). */
export const REACTION_MAX_PER_WINDOW = 5;
export const REACTION_WINDOW_MS = 2_000;

/** A reaction on the wire. The sender is the peer it came from. */
export interface ReactionWireMessage {
  emoji: ReactionEmoji;
}

const EMOJI: ReadonlySet<string> = new Set(REACTION_EMOJI);

export function isReactionEmoji(value: unknown): value is ReactionEmoji {
  return typeof value === 'string' && EMOJI.has(value);
}

export function isReactionWireMessage(body: unknown): body is ReactionWireMessage {
  if (typeof body !== 'object' || body === null) return false;
  return isReactionEmoji((body as Record<string, unknown>).emoji);
}

/** A reaction someone (maybe you) sent. */
export interface Reaction {
  /** Unique in this room on this side: `<peer id>:<n>`. */
  id: string;
  from: string;
  fromName: string;
  emoji: ReactionEmoji;
  /** When it arrived (or was sent, for yours), on your clock. */
  at: number;
  self: boolean;
}

export type ReactionsEvents = {
  /** A reaction from someone, or one of yours. Nothing is kept: show it for a moment. */
  reaction: [Reaction];
};

export interface ReactionsOptions {
  channel: RoomChannel<ReactionWireMessage>;
  self: () => { id: string; name: string };
  now?: () => number;
}

/**
 * Reactions: `room.reactions`. `send('👏')` shows on your tile at everyone's. Each person may
 * send at most REACTION_MAX_PER_WINDOW per REACTION_WINDOW_MS: over that, yours are not sent and
 * theirs are dropped on receipt, so a flood cannot fill anyone's screen.
 */
export class Reactions implements Subscribable<ReactionsEvents> {
  private readonly emitter = new Emitter<ReactionsEvents>();
  private readonly channel: RoomChannel<ReactionWireMessage>;
  private readonly self: () => { id: string; name: string };
  private readonly now: () => number;
  private readonly limiter: RateLimiter;
  private count = 0;
  /** Peers already warned about for flooding: once each, not once per dropped reaction. */
  private readonly warned = new Set<string>();

  /** @internal Made by the room. */
  constructor(options: ReactionsOptions) {
    this.channel = options.channel;
    this.self = options.self;
    this.now = options.now ?? Date.now;
    this.limiter = new RateLimiter(REACTION_MAX_PER_WINDOW, REACTION_WINDOW_MS, this.now);
    this.channel.on('message', (body, from) => this.receive(body, from));
  }

  on<K extends keyof ReactionsEvents>(event: K, listener: Listener<ReactionsEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof ReactionsEvents>(event: K, listener: Listener<ReactionsEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof ReactionsEvents>(event: K, listener: Listener<ReactionsEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Sends a reaction to everyone and emits it for your own tile. Returns it, or undefined when
   * you are over the rate limit (nothing sent). Throws a TypeError for an emoji not in REACTION_EMOJI.
   */
  send(emoji: ReactionEmoji): Reaction | undefined {
    if (!isReactionEmoji(emoji)) throw new TypeError(`"${String(emoji)}" is not one of the reactions (${REACTION_EMOJI.join(' ')}).`);
    const self = this.self();
    if (!this.limiter.allow(self.id)) return undefined;
    this.channel.send({ emoji });
    const reaction: Reaction = { id: `${self.id}:${++this.count}`, from: self.id, fromName: self.name, emoji, at: this.now(), self: true };
    this.emitter.emit('reaction', reaction);
    return reaction;
  }

  /** @internal The peer left. */
  removePeer(peerId: string): void {
    this.limiter.forget(peerId);
    this.warned.delete(peerId);
  }

  /** @internal */
  close(): void {
    this.channel.close();
    this.emitter.removeAllListeners();
  }

  private receive(body: ReactionWireMessage, from: RemotePeer): void {
    if (!this.limiter.allow(from.id)) {
      if (this.warned.has(from.id)) return;
      this.warned.add(from.id);
      console.warn(`[confab] dropped a reaction from peer ${from.id}: over ${REACTION_MAX_PER_WINDOW} in ${REACTION_WINDOW_MS} ms.`);
      return;
    }
    this.emitter.emit('reaction', {
      id: `${from.id}:${++this.count}`,
      from: from.id,
      fromName: from.name,
      emoji: body.emoji,
      at: this.now(),
      self: false,
    });
  }
}
