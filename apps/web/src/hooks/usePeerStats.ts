import type { LinkStats, Room } from '@confab/client';
import { useCallback, useSyncExternalStore } from 'react';

/** The latest figures of the link to one peer, updated at each stats poll; undefined before the first. */
export function usePeerStats(room: Room, peerId: string): LinkStats | undefined {
  const subscribe = useCallback(
    (onChange: () => void) =>
      room.on('peerStats', (peer) => {
        if (peer.id === peerId) onChange();
      }),
    [room, peerId],
  );
  const getStats = useCallback(() => room.peers.get(peerId)?.stats, [room, peerId]);
  return useSyncExternalStore(subscribe, getStats);
}
