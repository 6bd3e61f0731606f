/**
 * The slice of the browser WebSocket the SDK uses. The real `WebSocket` class satisfies it; unit
 * tests pass an in-memory fake with the same shape.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `WebSocket.OPEN`, named here so the SDK does not need the global class to read it. */
export const WS_READY_STATE_OPEN = 1;
/** Close code for a close the application asked for. */
export const WS_CLOSE_NORMAL = 1000;
/** Close code the SDK uses when the server stopped answering pings (4000–4999 are for applications). */
export const WS_CLOSE_HEARTBEAT_TIMEOUT = 4000;

/**
 * Turns the URL given to `connect()` into a WebSocket URL. A relative URL (`/ws`) is resolved
 * against the page's location; `http:` becomes `ws:` and `https:` becomes `wss:`.
 */
export function resolveSignalingUrl(url: string, base: string | undefined = pageLocation()): string {
  let resolved: URL;
  try {
    resolved = base === undefined ? new URL(url) : new URL(url, base);
  } catch {
    throw new TypeError(`"${url}" is not a valid signaling URL${base === undefined ? ' (relative URLs need a page location)' : ''}.`);
  }
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  else if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  if (resolved.protocol !== 'ws:' && resolved.protocol !== 'wss:') {
    throw new TypeError(`"${url}" is not a ws:, wss:, http: or https: URL.`);
  }
  resolved.hash = '';
  return resolved.href;
}

function pageLocation(): string | undefined {
  return typeof location === 'undefined' ? undefined : location.href;
}
