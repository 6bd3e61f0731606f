import type { ConfabClient, Room } from '@confab/client';

/**
 * `?debug=1` puts the SDK objects on `window.__confab`, for the end-to-end tests (which drive
 * renegotiations and read peer ids through it) and for looking around in DevTools. Without the
 * flag nothing is exposed.
 */
export function isDebugPage(search: string): boolean {
  return new URLSearchParams(search).get('debug') === '1';
}

export interface DebugHandle {
  /** The signaling client, once connected (also while it reconnects). */
  readonly client: ConfabClient | null;
  /** The room of the current call. */
  readonly room: Room | null;
}

type DebugGlobal = { __confab?: DebugHandle };

/** Exposes `handle` as `window.__confab`; the returned function takes it away again. */
export function exposeDebugHandle(handle: DebugHandle, target: DebugGlobal = globalThis as DebugGlobal): () => void {
  target.__confab = handle;
  return () => {
    if (target.__confab === handle) delete target.__confab;
  };
}
