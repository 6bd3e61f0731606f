/** Fired on `window` after `navigate()`, because pushState (unlike Back/Forward) fires no popstate. */
export const NAVIGATE_EVENT = 'confab:navigate';

/** Moves to `path` in the address bar without reloading, and tells `useLocationPath` listeners. */
export function navigate(path: string): void {
  if (location.pathname !== path) history.pushState(null, '', path);
  dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function subscribeToLocation(listener: () => void): () => void {
  addEventListener('popstate', listener);
  addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    removeEventListener('popstate', listener);
    removeEventListener(NAVIGATE_EVENT, listener);
  };
}
