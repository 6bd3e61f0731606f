import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import type { RemotePeer } from '../remote-peer.js';
import { ChatLog, type ChatMessage } from './chat-log.js';
import type { RoomChannel } from './room-channel.js';

/** The room channel chat uses. Names starting with "confab." are the SDK's own. */
export const CHAT_CHANNEL = 'confab.chat';
/** The longest message, in UTF-16 code units. */
export const MAX_CHAT_TEXT_LENGTH = 4000;

/** A chat message on the wire. The sender's id is not in it: it is the peer it came from. */
export interface ChatWireMessage {
  seq: number;
  text: string;
  sentAt: number;
}

export function isChatWireMessage(body: unknown): body is ChatWireMessage {
  if (typeof body !== 'object' || body === null) return false;
  const { seq, text, sentAt } = body as Record<string, unknown>;
  return (
    Number.isSafeInteger(seq) &&
    (seq as number) > 0 &&
    typeof text === 'string' &&
    text.length > 0 &&
    text.length <= MAX_CHAT_TEXT_LENGTH &&
    typeof sentAt === 'number' &&
    Number.isFinite(sentAt)
  );
}

export type ChatEvents = {
  /** A message was added to `messages`: received, or sent by you. */
  message: [ChatMessage];
};

export interface ChatOptions {
  channel: RoomChannel<ChatWireMessage>;
  /** You: your peer id and current name. */
  self: () => { id: string; name: string };
  /** The clock; `Date.now` by default. */
  now?: () => number;
}

/**
 * The room's chat: `room.chat`. Each message goes to everyone in the room, peer to peer over the
 * data channels; the server never sees it. Messages sent before you joined are not available:
 * there is no history to fetch.
 */
export class Chat implements Subscribable<ChatEvents> {
  private readonly emitter = new Emitter<ChatEvents>();
  private readonly log = new ChatLog();
  private readonly channel: RoomChannel<ChatWireMessage>;
  private readonly self: () => { id: string; name: string };
  private readonly now: () => number;
  private seq = 0;

  /** @internal Made by the room. */
  constructor(options: ChatOptions) {
    this.channel = options.channel;
    this.self = options.self;
    this.now = options.now ?? Date.now;
    this.channel.on('message', (body, from) => this.receive(body, from));
  }

  /** Every message since you joined (the last MAX_CHAT_HISTORY), oldest first. A new array after each change. */
  get messages(): readonly ChatMessage[] {
    return this.log.messages;
  }

  on<K extends keyof ChatEvents>(event: K, listener: Listener<ChatEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof ChatEvents>(event: K, listener: Listener<ChatEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof ChatEvents>(event: K, listener: Listener<ChatEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Sends `text` to everyone in the room and adds it to `messages`. Throws a TypeError for an
   * empty text or one over MAX_CHAT_TEXT_LENGTH.
   */
  send(text: string): ChatMessage {
    if (typeof text !== 'string' || text.trim().length === 0) throw new TypeError('A chat message cannot be empty.');
    if (text.length > MAX_CHAT_TEXT_LENGTH) throw new TypeError(`A chat message is at most ${MAX_CHAT_TEXT_LENGTH} characters.`);
    const self = this.self();
    const now = this.now();
    const wire: ChatWireMessage = { seq: ++this.seq, text, sentAt: now };
    const message: ChatMessage = {
      id: `${self.id}:${wire.seq}`,
      from: self.id,
      fromName: self.name,
      seq: wire.seq,
      text,
      sentAt: now,
      receivedAt: now,
      self: true,
    };
    this.channel.send(wire);
    if (this.log.add(message)) this.emitter.emit('message', message);
    return message;
  }

  /** @internal */
  close(): void {
    this.channel.close();
    this.emitter.removeAllListeners();
  }

  private receive(wire: ChatWireMessage, from: RemotePeer): void {
    const message: ChatMessage = {
      id: `${from.id}:${wire.seq}`,
      from: from.id,
      fromName: from.name,
      seq: wire.seq,
      text: wire.text,
      sentAt: wire.sentAt,
      receivedAt: this.now(),
      self: false,
    };
    if (!this.log.add(message)) {
      console.warn(`[confab] ignored chat message ${message.id}: a duplicate, or out of order (last was ${this.log.lastSeqOf(from.id)}).`);
      return;
    }
    this.emitter.emit('message', message);
  }
}
