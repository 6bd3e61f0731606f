import { MAX_CHAT_TEXT_LENGTH } from '@confab/client';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useT } from '../i18n/i18n-context.js';
import type { Text } from '../i18n/text.js';

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function ChatComposer({ onSend }: { onSend: (text: string) => Text | null }) {
  const t = useT();
  const [text, setText] = useState('');
  const [error, setError] = useState<Text | null>(null);

  function send(event?: FormEvent) {
    event?.preventDefault();
    const problem = onSend(text);
    setError(problem);
    if (!problem) setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  }

  return (
    <form className="chat-compose" onSubmit={send}>
      <textarea
        aria-label={t('chat.message')}
        placeholder={t('chat.placeholder')}
        rows={2}
        maxLength={MAX_CHAT_TEXT_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="pill primary" disabled={text.trim().length === 0}>
        {t('chat.send')}
      </button>
      {error && (
        <p className="error" role="alert">
          {t(error.key, error.params)}
        </p>
      )}
    </form>
  );
}
