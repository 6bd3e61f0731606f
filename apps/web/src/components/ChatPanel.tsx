import '../chat.css';
import type { FileSharing } from '@confab/client';
import { useEffect, useRef, type ReactNode } from 'react';
import type { ChatPanelState, ChatPanelStore } from '../lib/chat-panel.js';
import type { PeerView } from '../lib/peer-views.js';
import { ChatComposer } from './ChatComposer.js';
import { ChatMessages } from './ChatMessages.js';
import { CloseIcon } from './chat-icons.js';
import { SendFile } from './SendFile.js';
import { useT } from '../i18n/i18n-context.js';

export interface ChatPanelProps {
  state: ChatPanelState;
  store: ChatPanelStore;
  files: FileSharing;
  peers: readonly PeerView[];
  /** The file transfers, shown between the messages and the message box while the panel is open. */
  transfers?: ReactNode;
}

/** The chat beside the call: messages to everyone, and files to everyone or one person. */
export function ChatPanel({ state, store, files, peers, transfers }: ChatPanelProps) {
  const t = useT();
  const panel = useRef<HTMLElement>(null);
  // Opening moves focus to the message box; closing gives it back to where it was (the Chat button).
  useEffect(() => {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.querySelector('textarea')?.focus();
    const element = panel.current;
    return () => {
      if (element?.contains(document.activeElement) || document.activeElement === document.body) returnTo?.focus();
    };
  }, []);
  return (
    <aside
      ref={panel}
      className="chat-panel"
      aria-label={t('chat.title')}
      onKeyDown={(event) => {
        if (event.key === 'Escape') store.setOpen(false);
      }}
    >
      <header className="chat-header">
        <h2>{t('chat.title')}</h2>
        <button type="button" className="round small" aria-label={t('chat.close')} onClick={() => store.setOpen(false)}>
          <CloseIcon />
        </button>
      </header>
      <p className="chat-note">{t('chat.note')}</p>
      <ChatMessages messages={state.messages} />
      {transfers}
      <ChatComposer onSend={(text) => store.send(text)} />
      <SendFile files={files} peers={peers} />
    </aside>
  );
}
