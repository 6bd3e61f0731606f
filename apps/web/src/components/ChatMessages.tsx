import type { ChatMessage } from '@confab/client';
import { useEffect, useRef } from 'react';
import { useLocale, useT } from '../i18n/i18n-context.js';
import { formatChatTime } from '../lib/chat-panel.js';

/** The messages, oldest first, each with the sender's name and the time; kept scrolled to the newest. */
export function ChatMessages({ messages }: { messages: readonly ChatMessage[] }) {
  const t = useT();
  const { locale } = useLocale();
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages]);
  return (
    <ol className="chat-messages" aria-label={t('chat.messages')} aria-live="polite">
      {messages.map((message) => (
        <li key={message.id} className={message.self ? 'chat-message self' : 'chat-message'} data-testid="chat-message" data-from={message.fromName}>
          <div className="chat-meta">
            <span className="chat-from">{message.self ? t('chat.you', { name: message.fromName }) : message.fromName}</span>
            <time dateTime={new Date(message.sentAt).toISOString()}>{formatChatTime(message.sentAt, locale)}</time>
          </div>
          <p className="chat-text">{message.text}</p>
        </li>
      ))}
      <li ref={end} className="chat-end" aria-hidden="true" />
    </ol>
  );
}
