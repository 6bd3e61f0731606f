import '../chat.css';
import { unreadLabel } from '../lib/chat-panel.js';
import { ChatIcon } from './chat-icons.js';
import { useT } from '../i18n/i18n-context.js';

export interface ChatToggleProps {
  open: boolean;
  unread: number;
  onToggle: () => void;
}

/** The toolbar's "Chat" button, with the number of unread messages while the panel is closed. */
export function ChatToggle({ open, unread, onToggle }: ChatToggleProps) {
  const t = useT();
  const showBadge = !open && unread > 0;
  return (
    <button
      type="button"
      className="pill chat-toggle"
      aria-label={t('chat.title')}
      aria-pressed={open}
      aria-describedby={showBadge ? 'chat-unread' : undefined}
      onClick={onToggle}
    >
      <ChatIcon />
      <span aria-hidden="true">{t('chat.title')}</span>
      {showBadge && (
        <span className="unread-badge" data-testid="unread-badge" id="chat-unread" title={t('chat.unread', { count: unread })}>
          {unreadLabel(unread)}
          <span className="offscreen">{t('chat.unreadSuffix')}</span>
        </span>
      )}
    </button>
  );
}
