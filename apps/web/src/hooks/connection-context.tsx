import type { ConfabClient } from '@confab/client';
import type { ReactNode } from 'react';
import type { ServerConnection } from '../lib/server-connection.js';
import { createStrictContext } from './strict-context.js';

export type Connection = ServerConnection<ConfabClient>;

const [ConnectionContext, useStrictConnection] = createStrictContext<Connection>('ConnectionProvider');

/** Shares the signaling connection with the lobby and the room. */
export function ConnectionProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  return <ConnectionContext value={connection}>{children}</ConnectionContext>;
}

/** The signaling connection. Throws outside <ConnectionProvider>. */
export function useConnection(): Connection {
  return useStrictConnection('useConnection');
}
