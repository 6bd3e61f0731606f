import { connect, type ConfabClient } from '@confab/client';
import { useEffect, useState } from 'react';
import { accessToken } from '../lib/access-token.js';
import { ServerConnection } from '../lib/server-connection.js';

/**
 * The signaling connection, closed on unmount. With `eager` it starts connecting on mount;
 * otherwise on the first `start()` (a cold lobby). Null during the first render only: the
 * connection is made in an effect, so React's StrictMode remount cannot leak one.
 */
export function useServerConnection(url: string, eager: boolean): ServerConnection<ConfabClient> | null {
  const [connection, setConnection] = useState<ServerConnection<ConfabClient> | null>(null);
  useEffect(() => {
    const token = accessToken();
    const next = new ServerConnection(() => connect(url, token ? { token } : {}));
    if (eager) void next.start().catch(() => {});
    setConnection(next);
    return () => next.close();
  }, [url, eager]);
  return connection;
}
