import type { ChatMessage } from '@confab/client';
import { text, type Text } from '../i18n/text.js';
import { Observable } from './observable.js';

/** The parts of the SDK's `room.chat` the panel needs. */
export interface ChatLike {
  readonly messages: readonly ChatMessage[];
  on(event: 'message', listener: (message: ChatMessage) => void): () => void;
  send(text: string): ChatMessage;
}

export interface ChatPanelState {
  open: boolean;
  /** Messages from others that arrived while the panel was closed. */
  unread: number;
  messages: readonly ChatMessage[];
}

/**
 * The chat panel: open or closed, the unread count for the toggle's badge, and the messages.
 * `start()` subscribes to the chat (call it from an effect; it returns the stop function).
 */
export class ChatPanelStore extends Observable<ChatPanelState> {
  readonly #chat: ChatLike;

  constructor(chat: ChatLike) {
    super({ open: false, unread: 0, messages: chat.messages });
    this.#chat = chat;
  }

  start(): () => void {
    // Messages that came while nobody listened (between join and mount) are in the list already.
    this.#update({ messages: this.#chat.messages });
    return this.#chat.on('message', (message) => {
      const state = this.getSnapshot();
      this.#update({
        messages: this.#chat.messages,
        unread: state.open || message.self ? state.unread : state.unread + 1,
      });
    });
  }

  setOpen(open: boolean): void {
    this.#update({ open, unread: open ? 0 : this.getSnapshot().unread });
  }

  toggle(): void {
    this.setOpen(!this.getSnapshot().open);
  }

  /** Sends `message` (ignored when blank). Returns an error to show, or null. */
  send(message: string): Text | null {
    if (message.trim().length === 0) return null;
    try {
      this.#chat.send(message);
      return null;
    } catch (err) {
      return text('chat.sendFailed', { reason: err instanceof Error ? err.message : String(err) });
    }
  }

  #update(patch: Partial<ChatPanelState>): void {
    const state = this.getSnapshot();
    const next = { ...state, ...patch };
    if (next.open === state.open && next.unread === state.unread && next.messages === state.messages) return;
    this.set(next);
  }
}

/** "14:05" in the viewer's locale and time zone. */
export function formatChatTime(ms: number, locale?: string): string {
  return new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** What the badge says: the count, capped so it stays small. */
export function unreadLabel(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}
