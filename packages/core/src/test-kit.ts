import type { ServerMessage } from '@confab/protocol';
import { MemoryStore } from './memory-store.js';
import { SignalingCore, type CoreOptions } from './signaling-core.js';

/**
 * A core over a MemoryStore whose deliveries are recorded per connection. Used by the core's own
 * tests. Like the server, it takes messages written as JSON too (`deliverJson`, the candidate
 * relay's fast path): they are parsed into the same inbox, and their text kept in `json`.
 */
export function coreKit(options: Partial<CoreOptions> = {}) {
  const store = new MemoryStore();
  const inbox = new Map<string, ServerMessage[]>();
  /** The text of every delivery made through `deliverJson`, in order. */
  const json: string[] = [];
  let ids = 0;
  const record = (connId: string, msg: ServerMessage) => {
    const list = inbox.get(connId) ?? [];
    list.push(msg);
    inbox.set(connId, list);
  };
  const core = new SignalingCore({
    newPeerId: () => `peer${++ids}`,
    ...options,
    store,
    /** Records every delivery, then runs the test's own deliver (which may throw). */
    deliver: (connId, msg) => {
      record(connId, msg);
      return options.deliver?.(connId, msg);
    },
    deliverJson: (connId, text) => {
      json.push(text);
      record(connId, JSON.parse(text) as ServerMessage);
      options.deliverJson?.(connId, text);
    },
  });
  const send = (connId: string, msg: object | string) =>
    core.receive(connId, typeof msg === 'string' ? msg : JSON.stringify(msg));
  /** Messages delivered to a connection since the last call. */
  const take = (connId: string): ServerMessage[] => {
    const list = inbox.get(connId) ?? [];
    inbox.set(connId, []);
    return list;
  };
  const last = (connId: string) => take(connId).at(-1);
  /** hello + join; returns the peer id. */
  const enter = async (connId: string, room: string, name = connId): Promise<string> => {
    await send(connId, { type: 'hello', v: 1 });
    const welcome = take(connId)[0];
    if (welcome?.type !== 'welcome') throw new Error(`no welcome for ${connId}: ${JSON.stringify(welcome)}`);
    await send(connId, { type: 'join', room, name });
    return welcome.peerId;
  };
  return { core, store, send, take, last, enter, inbox, json };
}
