import '../chat.css';
import type { FileSharing } from '@confab/client';
import type { ReactNode } from 'react';
import type { ChatPanelState, ChatPanelStore } from '../lib/chat-panel.js';
import type { PeerView } from '../lib/peer-views.js';
import { ChatComposer } from './ChatComposer.js';
import { ChatMessages } from './ChatMessages.js';
import { CloseIcon } from './chat-icons.js';
import { SendFile } from './SendFile.js';

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
  return (
    <aside className="chat-panel" aria-label="Chat">
      <header className="chat-header">
        <h2>Chat</h2>
        <button type="button" className="round small" aria-label="Close chat" onClick={() => store.setOpen(false)}>
          <CloseIcon />
        </button>
      </header>
      <p className="chat-note">Messages sent before you joined are not available.</p>
      <ChatMessages messages={state.messages} />
      {transfers}
      <ChatComposer onSend={(text) => store.send(text)} />
      <SendFile files={files} peers={peers} />
    </aside>
  );
}
