import { Emitter, type Unsubscribe } from '../emitter.js';
import type { RemotePeer } from '../remote-peer.js';
import type { RoomChannel } from './room-channel.js';

/** What a shared state needs from the room's data layer: when a peer can be told, and when it is gone. */
export interface PeerStateHost {
  /** A peer's message channel opened (a new peer, or a rebuilt connection). */
  onPeerReady(listener: (peer: RemotePeer) => void): Unsubscribe;
  /** A peer left the room. */
  onPeerRemoved(listener: (peerId: string) => void): Unsubscribe;
}

type PeerStateEvents = { change: [] };

/**
 * One small piece of state per person (a raised hand, "recording"), kept in step over a room
 * channel: yours goes to everyone when it changes, and again (unless idle) to each peer whenever a
 * message channel to them opens, so someone who joins later (or whose connection was rebuilt) learns it.
 * A peer's value is dropped when they leave. The sender is the connection a message came on.
 */
export class PeerState<T> {
  private readonly emitter = new Emitter<PeerStateEvents>();
  private readonly others = new Map<string, { peer: RemotePeer; value: T }>();
  private current: T;
  private readonly offs: Unsubscribe[];

  constructor(
    private readonly channel: RoomChannel<T>,
    host: PeerStateHost,
    initial: T,
    /** Whether a value is the resting one (hand down): that one is not sent to a peer whose channel just opened. */
    private readonly isIdle: (value: T) => boolean,
  ) {
    this.current = initial;
    this.offs = [
      channel.on('message', (value, from) => {
        this.others.set(from.id, { peer: from, value });
        this.emitter.emit('change');
      }),
      // A peer that has not heard from us knows us as idle; a rebuilt connection drops what it knew (onPeerRemoved).
      host.onPeerReady((peer) => {
        if (!this.isIdle(this.current)) this.channel.send(this.current, peer.id);
      }),
      host.onPeerRemoved((peerId) => {
        if (this.others.delete(peerId)) this.emitter.emit('change');
      }),
    ];
  }

  /** Your value. */
  get own(): T {
    return this.current;
  }

  /** Everyone else's last value, by peer id. */
  entries(): IterableIterator<{ peer: RemotePeer; value: T }> {
    return this.others.values();
  }

  /** Sets your value and tells everyone. */
  set(value: T): void {
    this.current = value;
    this.channel.send(value);
    this.emitter.emit('change');
  }

  onChange(listener: () => void): Unsubscribe {
    return this.emitter.on('change', listener);
  }

  close(): void {
    for (const off of this.offs) off();
    this.channel.close();
    this.others.clear();
    this.emitter.removeAllListeners();
  }
}
