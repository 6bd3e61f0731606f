import {
  ConfabError,
  type ClientMessageOf,
  type ErrorMessage,
  type ServerMessage,
  type ServerMessageType,
} from '@confab/protocol';
import { requestTimeout } from './errors.js';
import { REQUEST_TIMEOUT_MS } from './signaling.js';

/** The client messages of the directory and direct calls. */
export type DirectoryRequestType = 'online' | 'offline' | 'invite' | 'accept' | 'decline' | 'cancel' | 'hangup';
type WithoutRid<M> = M extends unknown ? Omit<M, 'rid'> : never;
export type DirectoryRequest = WithoutRid<ClientMessageOf<DirectoryRequestType>>;

/** What to do with the answer to one request. */
export interface RequestHandlers {
  /**
   * Message types that answer the request (`invite` → `ringing` or `call-ended`). A message of one
   * of these types whose `re` matches goes to `onReply` alone, at once, while it is dispatched: the
   * state it creates (a call) exists before the next message is read.
   */
  replies?: readonly ServerMessageType[];
  onReply?: (msg: ServerMessage) => void;
  /** A refusal (ConfabError), REQUEST_TIMEOUT, or CONNECTION_CLOSED. Without it, errors are logged and dropped. */
  onError?: (err: Error) => void;
  timeoutMs?: number;
}

interface Waiter extends RequestHandlers {
  type: DirectoryRequestType;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests of the directory and its calls, matched to their answers by `rid`. The rids carry their
 * own prefix, so they never collide with the signaling channel's (`r1`, `r2`, …): the channel finds
 * no request of its own for them and hands the answers on as pushes, which the client routes here.
 *
 * Unlike the channel's requests, an answer is handled synchronously, and a request may have several
 * answer types or none (`decline`: the answer is the `call-ended` everyone gets; only a refusal is
 * addressed to the request).
 */
export class DirectoryRequests {
  private readonly waiting = new Map<string, Waiter>();
  private counter = 0;

  constructor(private readonly sendMessage: (msg: DirectoryRequest & { rid: string }) => boolean) {}

  /** Sends `msg` with a fresh rid. Returns false, and forgets the handlers, when the connection is closed. */
  send(msg: DirectoryRequest, handlers: RequestHandlers = {}): boolean {
    this.counter += 1;
    const rid = `d${this.counter}`;
    const timeoutMs = handlers.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const timer = setTimeout(() => {
      const waiter = this.take(rid);
      waiter?.onError?.(requestTimeout(waiter.type, timeoutMs));
    }, timeoutMs);
    this.waiting.set(rid, { ...handlers, type: msg.type, timer });
    if (this.sendMessage({ ...msg, rid })) return true;
    this.take(rid);
    return false;
  }

  /**
   * Offers a server message to the waiting requests. Returns true when it was consumed (an answer
   * given to `onReply`, or a refusal): the caller must not handle it again.
   */
  settle(msg: ServerMessage): boolean {
    if (msg.type === 'error') return this.settleError(msg);
    if (!('re' in msg) || msg.re === undefined) return false;
    const waiter = this.waiting.get(msg.re);
    if (!waiter) return false;
    this.take(msg.re);
    if (waiter.onReply && waiter.replies?.includes(msg.type)) {
      waiter.onReply(msg);
      return true;
    }
    // An answer the request does not consume (`call-accepted` for `accept`): handled as a push.
    return false;
  }

  /** Fails every waiting request (the connection closed). */
  rejectAll(err: Error): void {
    const waiters = [...this.waiting.values()];
    for (const waiter of waiters) clearTimeout(waiter.timer);
    this.waiting.clear();
    for (const waiter of waiters) waiter.onError?.(err);
  }

  get size(): number {
    return this.waiting.size;
  }

  private settleError(msg: ErrorMessage): boolean {
    const rid = msg.re?.rid;
    if (rid === undefined) return false;
    const waiter = this.take(rid);
    if (!waiter) return false;
    const err = new ConfabError(msg.code, msg.message, msg.re);
    if (waiter.onError) waiter.onError(err);
    // An expected refusal, such as CALL_NOT_FOUND for a hang-up that raced the other side's.
    else console.info(`[confab] "${waiter.type}" was refused: ${msg.code}`);
    return true;
  }

  private take(rid: string): Waiter | undefined {
    const waiter = this.waiting.get(rid);
    if (!waiter) return undefined;
    this.waiting.delete(rid);
    clearTimeout(waiter.timer);
    return waiter;
  }
}
