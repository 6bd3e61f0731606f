import type { Room } from '@confab/client';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { ChatPanelStore, type ChatPanelState } from '../lib/chat-panel.js';

/** The room's chat panel: open or closed, unread count, messages; and the store to act on it. */
export function useChatPanel(room: Room): { state: ChatPanelState; store: ChatPanelStore } {
  const store = useMemo(() => new ChatPanelStore(room.chat), [room]);
  useEffect(() => store.start(), [store]);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { state, store };
}
