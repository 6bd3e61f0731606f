import type { Room } from '@confab/client';
import { useMemo, useSyncExternalStore } from 'react';
import { orderScreens, type ScreenView } from '../lib/screen-views.js';

/** The screens the others share, newest first: the first one takes the stage. */
export function useRoomScreens(room: Room): readonly ScreenView[] {
  const store = useMemo(() => {
    let snapshot: readonly ScreenView[] = [];
    return {
      subscribe(onChange: () => void) {
        const offs = [room.on('peerScreen', onChange), room.on('peerLeft', onChange), room.on('peerUpdated', onChange)];
        return () => {
          for (const off of offs) off();
        };
      },
      getSnapshot() {
        snapshot = orderScreens(room.screens, room.peers, snapshot);
        return snapshot;
      },
    };
  }, [room]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
