/** One chat message, sent or received. */
export interface ChatMessage {
  /** `<sender's peer id>:<seq>`: unique in the room. */
  id: string;
  /** The sender's peer id (`room.self.id` for your own). */
  from: string;
  /** The sender's name when the message arrived. */
  fromName: string;
  /** The sender's counter: 1, 2, 3, … for each message they send in this room. */
  seq: number;
  text: string;
  /** When it was sent, in ms since the epoch, by the sender's clock. */
  sentAt: number;
  /** When it arrived (or was sent, for your own), by your clock. */
  receivedAt: number;
  /** Whether you sent it. */
  self: boolean;
}

/** Messages kept in `chat.messages`; older ones are dropped. */
export const MAX_CHAT_HISTORY = 1000;

/**
 * The chat history of a room: in arrival order, in order per sender, with no duplicates. Each
 * sender numbers their messages 1, 2, 3, …; a message whose number is not above the last one
 * kept from that sender is a duplicate (or late, out of order) and is refused. The channel is
 * ordered and reliable, so this only ever refuses a replay; it keeps the promise regardless.
 */
export class ChatLog {
  private readonly lastSeq = new Map<string, number>();
  private list: readonly ChatMessage[] = [];

  constructor(private readonly maxHistory = MAX_CHAT_HISTORY) {}

  /** Every message kept, oldest first. A new array after each change, the same one otherwise. */
  get messages(): readonly ChatMessage[] {
    return this.list;
  }

  /** The last seq kept from `peerId`, or 0. */
  lastSeqOf(peerId: string): number {
    return this.lastSeq.get(peerId) ?? 0;
  }

  /** Adds `message` unless it is a duplicate or arrives out of order. Returns whether it was added. */
  add(message: ChatMessage): boolean {
    if (message.seq <= this.lastSeqOf(message.from)) return false;
    this.lastSeq.set(message.from, message.seq);
    const next = [...this.list, message];
    this.list = next.length > this.maxHistory ? next.slice(next.length - this.maxHistory) : next;
    return true;
  }
}
