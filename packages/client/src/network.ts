/**
 * What the SDK learns from the browser about the network: `navigator.onLine` and the `online`
 * and `offline` events. Injected so tests (and non-browser hosts) can drive it.
 */
export interface NetworkMonitor {
  /** False only when the browser knows it has no network at all. */
  readonly online: boolean;
  /** Calls `onOnline`/`onOffline` on each change; returns a function that stops watching. */
  watch(onOnline: () => void, onOffline: () => void): () => void;
}

interface EventHost {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  navigator?: { onLine?: boolean };
}

/** The page's network events, or undefined where there are none (Node, a worker without them). */
export function browserNetwork(host: unknown = globalThis): NetworkMonitor | undefined {
  const target = host as Partial<EventHost>;
  if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') return undefined;
  const events = target as EventHost;
  return {
    get online() {
      return events.navigator?.onLine !== false;
    },
    watch(onOnline, onOffline) {
      events.addEventListener('online', onOnline);
      events.addEventListener('offline', onOffline);
      return () => {
        events.removeEventListener('online', onOnline);
        events.removeEventListener('offline', onOffline);
      };
    },
  };
}
