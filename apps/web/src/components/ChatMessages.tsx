import type { ChatMessage } from '@confab/client';
import { useEffect, useRef } from 'react';
import { formatChatTime } from '../lib/chat-panel.js';

/** The messages, oldest first, each with the sender's name and the time; kept scrolled to the newest. */
export function ChatMessages({ messages }: { messages: readonly ChatMessage[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);
  return (
    <ol className="chat-messages" aria-label="Messages" aria-live="polite">
      {messages.map((message) => (
        <li key={message.id} className={message.self ? 'chat-message self' : 'chat-message'} data-testid="chat-message" data-from={message.fromName}>
          <div className="chat-meta">
            <span className="chat-from">{message.self ? `${message.fromName} (you)` : message.fromName}</span>
            <time dateTime={new Date(message.sentAt).toISOString()}>{formatChatTime(message.sentAt)}</time>
          </div>
          <p className="chat-text">{message.text}</p>
        </li>
      ))}
      <li ref={end} className="chat-end" aria-hidden="true" />
    </ol>
  );
}
