import type { Room } from '@confab/client';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { TransferListStore, type TransferView } from '../lib/transfer-views.js';

/** The room's file transfers, one snapshot per row. */
export function useFileTransfers(room: Room): readonly TransferView[] {
  const store = useMemo(() => new TransferListStore(room.files), [room]);
  useEffect(() => store.start(), [store]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
