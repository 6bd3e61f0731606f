import { useEffect } from 'react';
import type { Connection } from './connection-context.js';

/**
 * Leaving the page closes the connection at once, so the others see us go (and a call ends)
 * without waiting for a timeout. A page restored from the back/forward cache has no connection
 * left, so it reloads.
 */
export function useCloseOnPageHide(connection: Connection | null): void {
  useEffect(() => {
    if (!connection) return;
    const onPageHide = () => connection.close();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) location.reload();
    };
    addEventListener('pagehide', onPageHide);
    addEventListener('pageshow', onPageShow);
    return () => {
      removeEventListener('pagehide', onPageHide);
      removeEventListener('pageshow', onPageShow);
    };
  }, [connection]);
}
