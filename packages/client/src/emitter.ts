/**
 * A typed event emitter driven by one event map, e.g.
 * `type RoomEvents = { peerJoined: [RemotePeer]; closed: [] }`: each key is an event name and
 * its value the tuple of listener arguments. No parallel enum of names can drift from it.
 */
export type EventMap = { [event: string]: unknown[] };

export type Listener<Args extends unknown[]> = (...args: Args) => void;

/** Removes the listener it was returned for. Calling it twice is harmless. */
export type Unsubscribe = () => void;

/** The listening half of an emitter: what SDK objects expose to application code. */
export interface Subscribable<Events extends EventMap> {
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unsubscribe;
  /** Like `on`, for one call only. To remove it before it fires, call the function it returns. */
  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unsubscribe;
  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void;
}

type ListenerSets<Events extends EventMap> = { [K in keyof Events]?: Set<Listener<Events[K]>> };

export class Emitter<Events extends EventMap> implements Subscribable<Events> {
  private listeners: ListenerSets<Events> = {};

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unsubscribe {
    let set = this.listeners[event];
    if (!set) {
      set = new Set();
      this.listeners[event] = set;
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): Unsubscribe {
    const wrapper: Listener<Events[K]> = (...args) => {
      unsubscribe();
      listener(...args);
    };
    const unsubscribe = this.on(event, wrapper);
    return unsubscribe;
  }

  off<K extends keyof Events>(event: K, listener: Listener<Events[K]>): void {
    const set = this.listeners[event];
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) delete this.listeners[event];
  }

  /**
   * Calls each listener of `event` in the order they were added. A listener that throws is
   * reported with console.error and the rest still run: one bad listener cannot break the emitter
   * or the SDK code that emitted. Listeners added or removed during an emit take effect next time.
   */
  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.listeners[event];
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (err) {
        console.error(`[confab] a "${String(event)}" listener threw:`, err);
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.listeners[event]?.size ?? 0;
  }

  /** Removes every listener of `event`, or of all events when none is named. */
  removeAllListeners(event?: keyof Events): void {
    if (event === undefined) this.listeners = {};
    else delete this.listeners[event];
  }
}
