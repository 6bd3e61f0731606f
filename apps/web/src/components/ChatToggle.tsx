import '../chat.css';
import { unreadLabel } from '../lib/chat-panel.js';
import { ChatIcon } from './chat-icons.js';

export interface ChatToggleProps {
  open: boolean;
  unread: number;
  onToggle: () => void;
}

/** The toolbar's "Chat" button, with the number of unread messages while the panel is closed. */
export function ChatToggle({ open, unread, onToggle }: ChatToggleProps) {
  const showBadge = !open && unread > 0;
  return (
    <button
      type="button"
      className="pill chat-toggle"
      aria-label="Chat"
      aria-pressed={open}
      aria-describedby={showBadge ? 'chat-unread' : undefined}
      onClick={onToggle}
    >
      <ChatIcon />
      <span aria-hidden="true">Chat</span>
      {showBadge && (
        <span className="unread-badge" data-testid="unread-badge" id="chat-unread" title={`${unread} unread`}>
          {unreadLabel(unread)}
          <span className="offscreen"> unread</span>
        </span>
      )}
    </button>
  );
}
