import { PROTOCOL_VERSION } from '@confab/protocol';
import { ConfabClient } from './client.js';
import { connectFailed } from './errors.js';
import { OPEN_TIMEOUT_MS, SignalingChannel } from './signaling.js';
import { resolveSignalingUrl, type WebSocketConstructor } from './web-socket.js';

export interface ConnectOptions {
  /** The WebSocket class to use; defaults to the browser's. Any class shaped like it works. */
  WebSocket?: WebSocketConstructor;
  /** A JWT for servers that require one (AUTH_SECRET / AUTH_JWKS_URL); sent in `hello`. */
  token?: string;
  /** How long opening the socket may take, in ms. */
  openTimeoutMs?: number;
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
  const channel = await SignalingChannel.open(
    resolveSignalingUrl(url),
    WebSocketImpl,
    options.openTimeoutMs ?? OPEN_TIMEOUT_MS,
  );
  try {
    const welcome = await channel.request({
      type: 'hello',
      v: PROTOCOL_VERSION,
      ...(options.token === undefined ? {} : { token: options.token }),
    });
    channel.startHeartbeat(welcome.heartbeatMs);
    return new ConfabClient(channel, welcome);
  } catch (err) {
    channel.close();
    throw err;
  }
}
