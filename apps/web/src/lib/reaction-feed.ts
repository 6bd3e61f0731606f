import type { Reaction } from '@confab/client';
import { Observable } from './observable.js';

/** How long a reaction floats over a tile. */
export const REACTION_SHOW_MS = 4_000;
/** Most reactions floating over one tile at once; older ones make way. */
export const MAX_SHOWN_PER_PEER = 3;

export type ShownReactions = ReadonlyMap<string, readonly Reaction[]>;

interface ReactionSource {
  on(event: 'reaction', listener: (reaction: Reaction) => void): () => void;
}

/**
 * The reactions floating over the tiles now, by sender's peer id: each added when it arrives
 * (yours too) and taken away REACTION_SHOW_MS later. A new map after each change.
 */
export class ReactionFeed extends Observable<ShownReactions> {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  #off: (() => void) | undefined;

  constructor() {
    super(new Map());
  }

  /** Starts following `source`; returns the function that stops (and clears what is shown). */
  start(source: ReactionSource): () => void {
    this.#off?.();
    this.#off = source.on('reaction', (reaction) => this.add(reaction));
    return () => this.stop();
  }

  add(reaction: Reaction): void {
    const next = new Map(this.getSnapshot());
    next.set(reaction.from, [...(next.get(reaction.from) ?? []), reaction].slice(-MAX_SHOWN_PER_PEER));
    this.set(next);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.remove(reaction);
    }, REACTION_SHOW_MS);
    this.#timers.add(timer);
  }

  stop(): void {
    this.#off?.();
    this.#off = undefined;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.set(new Map());
  }

  private remove(reaction: Reaction): void {
    const current = this.getSnapshot();
    const list = current.get(reaction.from);
    if (!list?.includes(reaction)) return;
    const next = new Map(current);
    const rest = list.filter((r) => r !== reaction);
    if (rest.length > 0) next.set(reaction.from, rest);
    else next.delete(reaction.from);
    this.set(next);
  }
}
