import type { ConfabClient, Room } from '@confab/client';
import { useEffect, useState } from 'react';
import { exposeDebugHandle, isDebugPage } from '../lib/debug-handle.js';
import type { ServerConnection } from '../lib/server-connection.js';

/**
 * With `?debug=1` in the URL the page was opened with, keeps `window.__confab` pointing at the
 * current client and room (see lib/debug-handle.ts). The flag is read once: joining a room
 * navigates to `/r/<room>` without the query.
 */
export function useDebugHandle(connection: ServerConnection<ConfabClient> | null, room: Room | null): void {
  const [enabled] = useState(() => isDebugPage(location.search));
  useEffect(() => {
    if (!enabled || !connection) return;
    return exposeDebugHandle({
      get client() {
        const state = connection.getSnapshot();
        return 'client' in state ? state.client : null;
      },
      room,
    });
  }, [enabled, connection, room]);
}
