import type { Room } from '@confab/client';
import { useCallback, useSyncExternalStore } from 'react';

/** Whether the room has closed (left, or its connection dropped). */
export function useRoomClosed(room: Room): boolean {
  const subscribe = useCallback((onChange: () => void) => room.on('closed', onChange), [room]);
  const getClosed = useCallback(() => room.closed, [room]);
  return useSyncExternalStore(subscribe, getClosed);
}
