import type { Room } from '@confab/client';
import { useMemo, useSyncExternalStore } from 'react';
import { viewPeers, type PeerView } from '../lib/peer-views.js';

/** Room events after which a tile may look different. */
const PEER_EVENTS = ['peerJoined', 'peerLeft', 'peerUpdated', 'peerState', 'peerRoute', 'track'] as const;

/** The other people in the room, in join order, as snapshots that change when their tile should. */
export function useRoomPeers(room: Room): readonly PeerView[] {
  const store = useMemo(() => {
    let snapshot: readonly PeerView[] = [];
    return {
      subscribe(onChange: () => void) {
        const offs = PEER_EVENTS.map((event) => room.on(event, onChange));
        return () => {
          for (const off of offs) off();
        };
      },
      getSnapshot() {
        snapshot = viewPeers(room.peers.values(), snapshot);
        return snapshot;
      },
    };
  }, [room]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
