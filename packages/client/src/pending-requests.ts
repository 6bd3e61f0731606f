import { ConfabError, type ServerMessage, type ServerMessageType } from '@confab/protocol';
import { requestTimeout, unexpectedReply } from './errors.js';

interface Pending {
  /** The request's message type, for error messages. */
  type: string;
  /** The message type that answers it. */
  expect: ServerMessageType;
  resolve: (msg: ServerMessage) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests waiting for their answer, keyed by `rid`. The server echoes the `rid` as `re` in the
 * answer, or as `re.rid` in an `error`. Transport-free: the channel feeds it every inbound message.
 */
export class PendingRequests {
  private readonly pending = new Map<string, Pending>();
  private counter = 0;

  /** A request id unique for the life of this object. */
  nextRid(): string {
    this.counter += 1;
    return `r${this.counter}`;
  }

  /** Waits for the answer to request `rid`; rejects with REQUEST_TIMEOUT after `timeoutMs`. */
  wait(rid: string, type: string, expect: ServerMessageType, timeoutMs: number): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        reject(requestTimeout(type, timeoutMs));
      }, timeoutMs);
      this.pending.set(rid, { type, expect, resolve, reject, timer });
    });
  }

  /**
   * Settles the request that `msg` answers, if any: an `error` whose `re.rid` matches rejects it
   * with a ConfabError; a message whose `re` matches resolves it. Returns false when `msg` answers
   * no pending request, so the caller handles it as a push.
   */
  settle(msg: ServerMessage): boolean {
    if (msg.type === 'error') {
      const entry = this.take(msg.re?.rid);
      entry?.reject(new ConfabError(msg.code, msg.message, msg.re));
      return entry !== undefined;
    }
    if (!('re' in msg)) return false;
    const entry = this.take(msg.re);
    if (!entry) return false;
    if (msg.type === entry.expect) entry.resolve(msg);
    else entry.reject(unexpectedReply(entry.type, msg.type, entry.expect));
    return true;
  }

  /** Rejects one pending request with `err`; false if it is not pending. */
  reject(rid: string, err: Error): boolean {
    const entry = this.take(rid);
    entry?.reject(err);
    return entry !== undefined;
  }

  /** Rejects every pending request with `err` (the connection closed). */
  rejectAll(err: Error): void {
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      clearTimeout(entry.timer);
      entry.reject(err);
    }
  }

  get size(): number {
    return this.pending.size;
  }

  private take(rid: string | undefined): Pending | undefined {
    if (rid === undefined) return undefined;
    const entry = this.pending.get(rid);
    if (!entry) return undefined;
    this.pending.delete(rid);
    clearTimeout(entry.timer);
    return entry;
  }
}
