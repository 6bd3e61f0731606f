import { ConfabError, type ClientMessage, type ErrorCode, type ServerMessage } from '@confab/protocol';
import { RECONNECT_MAX_DELAY_MS, reconnectDelay } from './backoff.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { connectionClosed, ConfabClientError } from './errors.js';
import { hello, type Handshake, type ResumeOutcome, type Welcome } from './handshake.js';
import type { NetworkMonitor } from './network.js';
import type { ResumeCredentials, ResumeStorage } from './resume-storage.js';
import { OPEN_TIMEOUT_MS, SignalingChannel, type ReplyTo, type RequestMessage } from './signaling.js';
import type { WebSocketConstructor } from './web-socket.js';

/** After the network comes back, how long the socket may stay silent before it is taken for dead. */
export const NETWORK_PROBE_TIMEOUT_MS = 3_000;

/** Refusals of `hello` that no retry can fix: the client gives up and closes. */
const FATAL_HELLO_ERRORS: ReadonlySet<ErrorCode> = new Set(['AUTH_REQUIRED', 'AUTH_INVALID', 'AUTH_EXPIRED', 'UNSUPPORTED_VERSION']);

/** A JWT, or a function that returns a current one (called for every connection, so it can refresh). */
export type TokenSource = string | (() => string | Promise<string>);

export type LinkState = 'open' | 'reconnecting' | 'closed';

export type ReconnectingChannelEvents = {
  /** A server push (`peer-joined`, `signal`, …) from whichever socket is current. */
  message: [ServerMessage];
  /** `reconnecting` when the socket is lost, `open` again once welcomed, `closed` for good. */
  state: [LinkState];
  /**
   * A reconnect was welcomed. `silentMs` is how long the server had not been heard from, which
   * tells whether the others may have been told we left (past `welcome.resumeGraceMs`).
   */
  resumed: [welcome: Welcome, outcome: ResumeOutcome, silentMs: number];
};

export interface ReconnectingChannelOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  token?: TokenSource | undefined;
  openTimeoutMs?: number | undefined;
  /** Where resume credentials survive a reload of the tab. */
  resumeStorage?: ResumeStorage | undefined;
  /** The browser's online/offline events; without them, only the backoff drives retries. */
  network?: NetworkMonitor | undefined;
  /** For tests: the jitter source, in [0, 1). */
  random?: () => number;
}

/**
 * The signaling connection as the client sees it: one logical session over a succession of
 * WebSockets. When a socket is lost without the app asking (a drop, a server restart, a dead
 * heartbeat), it reconnects with exponential backoff and full jitter (`reconnectDelay`), at once
 * when the browser says it is back `online`, and sends `hello` with `resume: { peerId, token }`
 * from the latest welcome. It gives up only when the server refuses the hello for good (AUTH_*,
 * UNSUPPORTED_VERSION) or the app closes it.
 */
export class ReconnectingChannel implements Subscribable<ReconnectingChannelEvents> {
  private readonly emitter = new Emitter<ReconnectingChannelEvents>();
  private channel: SignalingChannel | undefined;
  /** Sockets given up on without a close frame; closed once the session is welcomed elsewhere. */
  private readonly abandoned = new Set<SignalingChannel>();
  private current: LinkState = 'open';
  private credentials: ResumeCredentials | undefined;
  private latest: Welcome | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connecting = false;
  private probing = false;
  private lastHeardAt = Date.now();
  private stopWatching: (() => void) | undefined;
  private fatal: Error | undefined;
  private readonly random: () => number;

  constructor(private readonly options: ReconnectingChannelOptions) {
    this.random = options.random ?? Math.random;
  }

  /**
   * Opens the first socket and does the handshake, resuming the session a reload left behind if
   * there is one. No retries here: a server that cannot be reached rejects, as `connect()` does.
   */
  async start(): Promise<Handshake> {
    const resume = this.options.resumeStorage?.take();
    const channel = await this.open();
    try {
      const result = await hello(channel, await this.token(), resume);
      this.adopt(channel, result.welcome);
      this.stopWatching = this.options.network?.watch(
        () => this.onOnline(),
        () => {},
      );
      return result;
    } catch (err) {
      channel.close();
      throw err;
    }
  }

  get state(): LinkState {
    return this.current;
  }

  /** The latest welcome. */
  get welcome(): Welcome | undefined {
    return this.latest;
  }

  /** What the next `hello` will present to resume this session. */
  get resumeCredentials(): ResumeCredentials | undefined {
    return this.credentials;
  }

  /** Why the channel closed on its own, when it gave up. */
  get failure(): Error | undefined {
    return this.fatal;
  }

  on<K extends keyof ReconnectingChannelEvents>(event: K, listener: Listener<ReconnectingChannelEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof ReconnectingChannelEvents>(event: K, listener: Listener<ReconnectingChannelEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof ReconnectingChannelEvents>(event: K, listener: Listener<ReconnectingChannelEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** Sends on the current socket; false, sending nothing, while there is none. */
  send(msg: ClientMessage): boolean {
    return this.channel?.send(msg) ?? false;
  }

  /** A request on the current socket; rejects with CONNECTION_CLOSED while reconnecting. */
  request<M extends RequestMessage>(msg: M, timeoutMs?: number): Promise<ReplyTo<M['type']>> {
    if (!this.channel) return Promise.reject(connectionClosed());
    return this.channel.request(msg, timeoutMs);
  }

  /**
   * Checks the connection now, as when the browser says it is back `online`: while reconnecting,
   * the next try goes at once; while open, a ping must be answered within NETWORK_PROBE_TIMEOUT_MS
   * or the socket is taken for dead. For a page coming back from the background.
   */
  check(): void {
    this.onOnline();
  }

  /** Gives up on the current socket (it looks dead) and reconnects. */
  drop(): void {
    this.channel?.abandon();
  }

  /**
   * Closes for good: stops retrying, closes the sockets, keeps the resume credentials for a
   * reload of the tab, emits `state` 'closed' and removes every listener. Idempotent.
   */
  close(): void {
    if (this.current === 'closed') return;
    if (this.credentials) this.options.resumeStorage?.save(this.credentials);
    this.shutDown();
  }

  private shutDown(): void {
    this.current = 'closed';
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopWatching?.();
    this.stopWatching = undefined;
    const channel = this.channel;
    this.channel = undefined;
    channel?.close();
    this.closeAbandoned();
    this.emitter.emit('state', 'closed');
    this.emitter.removeAllListeners();
  }

  private open(): Promise<SignalingChannel> {
    return SignalingChannel.open(this.options.url, this.options.WebSocket, this.options.openTimeoutMs ?? OPEN_TIMEOUT_MS);
  }

  private async token(): Promise<string | undefined> {
    const source = this.options.token;
    return typeof source === 'function' ? await source() : source;
  }

  private adopt(channel: SignalingChannel, welcome: Welcome): void {
    this.channel = channel;
    this.latest = welcome;
    this.credentials = welcome.resumeToken ? { peerId: welcome.peerId, token: welcome.resumeToken } : undefined;
    channel.startHeartbeat(welcome.heartbeatMs);
    channel.on('message', (msg) => this.emitter.emit('message', msg));
    channel.on('state', () => this.onLost(channel));
    // The session lives on this socket now; the server has already let go of the old ones.
    this.closeAbandoned();
  }

  private closeAbandoned(): void {
    for (const old of this.abandoned) old.close();
    this.abandoned.clear();
  }

  private onLost(channel: SignalingChannel): void {
    if (channel !== this.channel || this.current === 'closed') return;
    this.channel = undefined;
    this.lastHeardAt = channel.lastHeardAt;
    this.abandoned.add(channel);
    this.attempt = 0;
    this.setState('reconnecting');
    this.schedule();
  }

  private setState(state: LinkState): void {
    if (this.current === state) return;
    this.current = state;
    this.emitter.emit('state', state);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    // Offline, a retry cannot succeed: try only at the slowest pace until `online` says otherwise.
    const offline = this.options.network ? !this.options.network.online : false;
    const delay = offline ? RECONNECT_MAX_DELAY_MS : reconnectDelay(this.attempt, this.random);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    if (this.current !== 'reconnecting' || this.connecting) return;
    this.connecting = true;
    let channel: SignalingChannel | undefined;
    try {
      channel = await this.open();
      const result = await hello(channel, await this.token(), this.credentials);
      if (this.current !== 'reconnecting') {
        channel.close();
        return;
      }
      const silentMs = Date.now() - this.lastHeardAt;
      this.adopt(channel, result.welcome);
      this.attempt = 0;
      this.setState('open');
      this.emitter.emit('resumed', result.welcome, result.outcome ?? 'fresh', silentMs);
    } catch (err) {
      channel?.close();
      if (this.current !== 'reconnecting') return;
      if (err instanceof ConfabError && FATAL_HELLO_ERRORS.has(err.code)) {
        console.warn(`[confab] the server refused to reconnect this client (${err.code}); giving up.`);
        this.fatal = err;
        this.shutDown();
        return;
      }
      this.attempt += 1;
      this.schedule();
    } finally {
      this.connecting = false;
    }
  }

  private onOnline(): void {
    if (this.current === 'reconnecting') {
      // The network is back: the next try goes now, and the backoff starts over.
      this.attempt = 0;
      if (!this.connecting) {
        clearTimeout(this.timer);
        this.timer = undefined;
        void this.reconnect();
      }
      return;
    }
    if (this.current === 'open') this.probe();
  }

  /**
   * After a network change the socket may be dead without knowing it (its address is gone): a
   * ping it cannot answer within NETWORK_PROBE_TIMEOUT_MS means it is, and the client reconnects.
   */
  private probe(): void {
    const channel = this.channel;
    if (!channel || this.probing) return;
    this.probing = true;
    channel
      .request({ type: 'ping' }, NETWORK_PROBE_TIMEOUT_MS)
      .then(
        () => {},
        (err: unknown) => {
          if (err instanceof ConfabClientError && err.code === 'REQUEST_TIMEOUT' && channel === this.channel) {
            console.warn('[confab] the signaling connection did not survive the network change; reconnecting.');
            channel.abandon();
          }
        },
      )
      .finally(() => {
        this.probing = false;
      });
  }
}
