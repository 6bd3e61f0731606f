import type { RaisedHand, Room } from '@confab/client';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

function handsStore(room: Room) {
  return {
    subscribe: (onChange: () => void) => room.hands.on('change', onChange),
    getSnapshot: () => room.hands.raised,
  };
}

/** Every raised hand, yours included, first raised first. */
export function useRaisedHands(room: Room): readonly RaisedHand[] {
  const store = useMemo(() => handsStore(room), [room]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * Your hand: whether it is up, and a stable `toggle` (for the toolbar button and the keyboard
 * shortcut alike).
 */
export function useHandRaise(room: Room): { raised: boolean; toggle: () => void } {
  const hands = useRaisedHands(room);
  const raised = hands.some((hand) => hand.self);
  const toggle = useCallback(() => void room.hands.toggle(), [room]);
  return { raised, toggle };
}
