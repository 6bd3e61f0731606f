import { MAX_CHAT_TEXT_LENGTH } from '@confab/client';
import { useState, type FormEvent, type KeyboardEvent } from 'react';

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function ChatComposer({ onSend }: { onSend: (text: string) => string | null }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

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
        aria-label="Message"
        placeholder="Message everyone"
        rows={2}
        maxLength={MAX_CHAT_TEXT_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="pill primary" disabled={text.trim().length === 0}>
        Send
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
