import type { ClientMessageOf } from '@confab/protocol';

/** Most signals kept while the connection is down; past this the oldest are dropped. */
export const MAX_OUTBOX_SIGNALS = 512;

export type OutboxMessage = ClientMessageOf<'signal'> | ClientMessageOf<'media'>;

/**
 * Room messages sent while the signaling connection is down, kept for when it is back: the
 * signals in order (an offer and its candidates), and only the latest `media` (each one states
 * the whole microphone/camera state, so older ones say nothing new). Bounded: a long outage
 * keeps the newest signals, which are the ones a renegotiation still needs.
 */
export class Outbox {
  private signals: ClientMessageOf<'signal'>[] = [];
  private media: ClientMessageOf<'media'> | undefined;

  constructor(private readonly maxSignals = MAX_OUTBOX_SIGNALS) {}

  add(msg: OutboxMessage): void {
    if (msg.type === 'media') {
      this.media = msg;
      return;
    }
    this.signals.push(msg);
    if (this.signals.length > this.maxSignals) this.signals.shift();
  }

  /** Returns what is kept, signals first, and empties the outbox. `withMedia: false` drops the media state. */
  drain({ withMedia = true } = {}): OutboxMessage[] {
    const out: OutboxMessage[] = [...this.signals];
    if (withMedia && this.media) out.push(this.media);
    this.clear();
    return out;
  }

  clear(): void {
    this.signals = [];
    this.media = undefined;
  }

  get size(): number {
    return this.signals.length + (this.media ? 1 : 0);
  }
}
