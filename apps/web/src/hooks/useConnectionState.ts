import type { ConfabClient } from '@confab/client';
import { useSyncExternalStore } from 'react';
import type { ConnectionState } from '../lib/server-connection.js';
import { useConnection } from './connection-context.js';

/** Whether the signaling connection is connecting, open, lost or unreachable. */
export function useConnectionState(): ConnectionState<ConfabClient> {
  const connection = useConnection();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}
