import {
  parseServerMessage,
  type ClientMessage,
  type ClientMessageOf,
  type ServerMessage,
  type ServerMessageOf,
} from '@confab/protocol';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { connectFailed, connectionClosed } from './errors.js';
import { Keepalive } from './keepalive.js';
import { PendingRequests } from './pending-requests.js';
import {
  WS_CLOSE_HEARTBEAT_TIMEOUT,
  WS_CLOSE_NORMAL,
  WS_READY_STATE_OPEN,
  type WebSocketConstructor,
  type WebSocketLike,
} from './web-socket.js';

/** How long a request waits for its answer. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** How long opening the WebSocket may take. */
export const OPEN_TIMEOUT_MS = 10_000;

/** Each request type and the message type that answers it. */
const REPLY_TYPES = { hello: 'welcome', join: 'joined', prepare: 'prepared', unprepare: 'unprepared', leave: 'left', ping: 'pong' } as const;

export type RequestType = keyof typeof REPLY_TYPES;
type WithoutRid<M> = M extends unknown ? Omit<M, 'rid'> : never;
/** A message `request()` accepts: one that gets an answer, without its `rid` (the channel adds it). */
export type RequestMessage = WithoutRid<ClientMessageOf<RequestType>>;
export type ReplyTo<K extends RequestType> = ServerMessageOf<(typeof REPLY_TYPES)[K]>;

export type SignalingState = 'open' | 'closed';

export type SignalingEvents = {
  /** A validated server message that answers no pending request: a push (`peer-joined`, `signal`, …). */
  message: [ServerMessage];
  /** Fired once, with 'closed', when the socket closes for any reason. */
  state: [SignalingState];
};

/**
 * The signaling connection: one browser WebSocket speaking the Confab protocol. Every inbound
 * frame is validated with `parseServerMessage`; a bad frame is logged and dropped. Answers are
 * matched to requests by `rid`; everything else is emitted as `message`.
 */
export class SignalingChannel implements Subscribable<SignalingEvents> {
  private readonly emitter = new Emitter<SignalingEvents>();
  private readonly pending = new PendingRequests();
  private keepalive: Keepalive | undefined;
  private closed = false;
  /** Abandoned as dead without a close frame; the socket itself is closed by a later `close()`. */
  private lingering = false;
  private heardAt = Date.now();

  /** Opens a WebSocket to `url` and resolves once it is open; rejects with CONNECT_FAILED. */
  static open(url: string, WebSocketImpl: WebSocketConstructor, timeoutMs = OPEN_TIMEOUT_MS): Promise<SignalingChannel> {
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = new WebSocketImpl(url);
      } catch (err) {
        reject(connectFailed(err instanceof Error ? err.message : String(err)));
        return;
      }
      const settle = () => {
        clearTimeout(timer);
        socket.onopen = null;
        socket.onerror = null;
        socket.onclose = null;
      };
      const fail = (detail: string) => {
        settle();
        socket.close();
        reject(connectFailed(detail));
      };
      const timer = setTimeout(() => fail(`no connection within ${timeoutMs} ms`), timeoutMs);
      socket.onopen = () => {
        settle();
        resolve(new SignalingChannel(socket));
      };
      // Browsers give no detail on WebSocket errors; the close code is all there is.
      socket.onerror = () => fail('the WebSocket failed to open');
      socket.onclose = (event) => fail(`the WebSocket closed with code ${event.code}`);
    });
  }

  /** Wraps a socket that is already open. Most code wants `SignalingChannel.open()`. */
  constructor(private readonly socket: WebSocketLike) {
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => this.teardown();
    socket.onerror = null;
  }

  get state(): SignalingState {
    return this.closed ? 'closed' : 'open';
  }

  /** When the last frame from the server arrived (Date.now() time). */
  get lastHeardAt(): number {
    return this.heardAt;
  }

  on<K extends keyof SignalingEvents>(event: K, listener: Listener<SignalingEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof SignalingEvents>(event: K, listener: Listener<SignalingEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof SignalingEvents>(event: K, listener: Listener<SignalingEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** Sends one message. Returns false, sending nothing, when the channel is closed. */
  send(msg: ClientMessage): boolean {
    if (this.closed || this.socket.readyState !== WS_READY_STATE_OPEN) return false;
    this.socket.send(JSON.stringify(msg));
    return true;
  }

  /**
   * Sends a request with a fresh `rid` and resolves with the answer whose `re` matches. Rejects
   * with a ConfabError when the server answers with an `error` for this `rid`, with
   * REQUEST_TIMEOUT after `timeoutMs`, and with CONNECTION_CLOSED if the channel closes first.
   */
  request<M extends RequestMessage>(msg: M, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ReplyTo<M['type']>> {
    if (this.closed) return Promise.reject(connectionClosed());
    const type: M['type'] = msg.type;
    const rid = this.pending.nextRid();
    const answer = this.pending.wait(rid, type, REPLY_TYPES[type], timeoutMs);
    // A socket that is already closing: fail now rather than at the timeout.
    if (!this.send({ ...msg, rid })) this.pending.reject(rid, connectionClosed());
    // PendingRequests resolves only with a message of type REPLY_TYPES[type].
    return answer as Promise<ReplyTo<M['type']>>;
  }

  /** Starts the application-level ping, paced by the server's `heartbeatMs`. */
  startHeartbeat(intervalMs: number): void {
    if (this.closed || this.keepalive) return;
    this.keepalive = new Keepalive({
      intervalMs,
      ping: () => this.send({ type: 'ping' }),
      onDead: () => {
        console.warn('[confab] the signaling server stopped answering; reconnecting.');
        this.abandon();
      },
    });
    this.keepalive.start();
  }

  /** Closes the socket. Pending requests reject with CONNECTION_CLOSED. Safe to call twice. */
  close(code = WS_CLOSE_NORMAL, reason = ''): void {
    if (this.closed) {
      if (this.lingering) this.socket.close(WS_CLOSE_HEARTBEAT_TIMEOUT, 'replaced');
      this.lingering = false;
      return;
    }
    this.teardown();
    this.socket.close(code, reason);
  }

  /**
   * Gives up on a socket that looks dead (no answer to pings) as if it had closed, but sends no
   * close frame yet: the server takes a close frame as a clean leave and would give up the seat,
   * while a silent drop keeps it for a resume. Call `close()` once the session has resumed
   * elsewhere (or for good) to free the socket.
   */
  abandon(): void {
    if (this.closed) return;
    this.lingering = true;
    this.teardown();
  }

  private receive(data: unknown): void {
    if (this.closed) return;
    this.heardAt = Date.now();
    this.keepalive?.heard();
    if (typeof data !== 'string') {
      console.warn('[confab] ignored a binary frame from the signaling server.');
      return;
    }
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      console.warn(`[confab] ignored an invalid frame from the signaling server: ${parsed.error.message}`);
      return;
    }
    if (this.pending.settle(parsed.msg)) return;
    this.emitter.emit('message', parsed.msg);
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    this.keepalive?.stop();
    this.socket.onmessage = null;
    this.socket.onclose = null;
    this.socket.onerror = null;
    this.pending.rejectAll(connectionClosed());
    this.emitter.emit('state', 'closed');
    this.emitter.removeAllListeners();
  }
}
