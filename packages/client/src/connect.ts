import { ConfabClient } from './client.js';
import { connectFailed } from './errors.js';
import { browserNetwork } from './network.js';
import { ReconnectingChannel, type TokenSource } from './reconnecting-channel.js';
import { ResumeStorage } from './resume-storage.js';
import { resolveSignalingUrl, type WebSocketConstructor } from './web-socket.js';

export interface ConnectOptions {
  /** The WebSocket class to use; defaults to the browser's. Any class shaped like it works. */
  WebSocket?: WebSocketConstructor;
  /**
   * A JWT for servers that require one (AUTH_SECRET / AUTH_JWKS_URL); sent in `hello`. A function
   * is called again for every reconnect, so it can hand out a fresh token.
   */
  token?: TokenSource;
  /** How long opening the socket may take, in ms. */
  openTimeoutMs?: number;
  /**
   * Keep the resume credentials in sessionStorage when the client closes, so that a reload of the
   * tab comes back with the same peer id. Default true (where sessionStorage exists).
   */
  persistResume?: boolean;
}

/**
 * Connects to a Confab server and does the `hello`/`welcome` handshake. `url` is the signaling
 * endpoint, absolute (`wss://calls.example.com/ws`) or relative to the page (`/ws`); http(s) URLs
 * are turned into ws(s). Rejects with a ConfabClientError (`CONNECT_FAILED`, `REQUEST_TIMEOUT`,
 * `CONNECTION_CLOSED`) or a ConfabError from the server (`UNSUPPORTED_VERSION`, `AUTH_REQUIRED`,
 * `AUTH_INVALID`, `AUTH_EXPIRED`).
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<ConfabClient> {
  const WebSocketImpl: WebSocketConstructor | undefined = options.WebSocket ?? globalThis.WebSocket;
  if (typeof WebSocketImpl !== 'function') throw connectFailed('this environment has no WebSocket');
  const resolved = resolveSignalingUrl(url);
  const channel = new ReconnectingChannel({
    url: resolved,
    WebSocket: WebSocketImpl,
    token: options.token,
    openTimeoutMs: options.openTimeoutMs,
    resumeStorage: options.persistResume === false ? undefined : ResumeStorage.default(resolved),
    network: browserNetwork(),
  });
  const { welcome } = await channel.start();
  return new ConfabClient(channel, welcome);
}
