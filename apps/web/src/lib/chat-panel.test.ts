import type { ChatMessage } from '@confab/client';
import { describe, expect, it } from 'vitest';
import { ChatPanelStore, unreadLabel, type ChatLike } from './chat-panel.js';

class FakeChat implements ChatLike {
  messages: readonly ChatMessage[] = [];
  private listeners = new Set<(m: ChatMessage) => void>();
  private seq = 0;
  on(_event: 'message', listener: (m: ChatMessage) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  send(text: string): ChatMessage {
    if (text.length > 10) throw new TypeError('A chat message is at most 10 characters.');
    return this.arrive('me', text, true);
  }
  arrive(from: string, text: string, self = false): ChatMessage {
    const message = { id: `${from}:${++this.seq}`, from, fromName: from, seq: this.seq, text, sentAt: 0, receivedAt: 0, self };
    this.messages = [...this.messages, message];
    for (const l of this.listeners) l(message);
    return message;
  }
}

describe('ChatPanelStore', () => {
  it('counts messages from others while the panel is closed, and clears the count when it opens', () => {
    const chat = new FakeChat();
    const store = new ChatPanelStore(chat);
    const stop = store.start();
    chat.arrive('bob', 'hi');
    chat.arrive('cy', 'hello');
    expect(store.getSnapshot()).toMatchObject({ open: false, unread: 2 });
    store.toggle();
    expect(store.getSnapshot()).toMatchObject({ open: true, unread: 0 });
    chat.arrive('bob', 'seen');
    expect(store.getSnapshot().unread).toBe(0);
    expect(store.getSnapshot().messages.map((m) => m.text)).toEqual(['hi', 'hello', 'seen']);
    store.setOpen(false);
    stop();
    chat.arrive('bob', 'after stop');
    expect(store.getSnapshot().unread).toBe(0);
  });

  it('your own messages never count as unread', () => {
    const chat = new FakeChat();
    const store = new ChatPanelStore(chat);
    store.start();
    expect(store.send('mine')).toBeNull();
    expect(store.getSnapshot()).toMatchObject({ unread: 0, messages: [expect.objectContaining({ text: 'mine' })] });
  });

  it('blank input sends nothing; a refused message comes back as an error to show', () => {
    const chat = new FakeChat();
    const store = new ChatPanelStore(chat);
    expect(store.send('   ')).toBeNull();
    expect(chat.messages).toHaveLength(0);
    expect(store.send('far too long a message')).toMatchObject({ key: 'chat.sendFailed', params: { reason: expect.stringMatching(/at most 10/) } });
  });

  it('a snapshot is a new object only when something changed', () => {
    const store = new ChatPanelStore(new FakeChat());
    const before = store.getSnapshot();
    store.setOpen(false);
    expect(store.getSnapshot()).toBe(before);
  });
});

describe('unreadLabel', () => {
  it('caps at 99+', () => {
    expect(unreadLabel(3)).toBe('3');
    expect(unreadLabel(120)).toBe('99+');
  });
});
