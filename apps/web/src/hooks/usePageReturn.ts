import { useEffect } from 'react';
import { onPageReturn, resumePausedVideos } from '../lib/page-return.js';

/** What the hook needs of the SDK client. */
export interface CheckableClient {
  checkConnection(): void;
}

/**
 * A call put in the background comes back with the page: each time the page is visible again
 * (or unfrozen, restored, online), the client checks its signaling connection and every peer
 * connection and recovers them (resume, ICE restart), and paused videos play again.
 */
export function usePageReturn(client: CheckableClient | null): void {
  useEffect(() => {
    if (!client) return;
    return onPageReturn(() => {
      client.checkConnection();
      resumePausedVideos();
    });
  }, [client]);
}
