import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import type { RemotePeer } from '../remote-peer.js';

/**
 * Checks a received message. Return true (as a type guard) to deliver it; false to drop it with a
 * warning. It also checks what you send, so a bug on your side shows up where it is.
 */
export type Validate<T> = (body: unknown) => body is T;

export interface ChannelOptions<T> {
  validate: Validate<T>;
}

export type RoomChannelEvents<T> = {
  /** A valid message from a peer, in the order that peer sent it. */
  message: [T, RemotePeer];
};

/** A channel as the room's data layer sees it: a name to route received messages by. */
export interface ChannelEndpoint {
  readonly name: string;
  handleMessage(body: unknown, from: RemotePeer): void;
  close(): void;
}

/** What a channel needs from the room's data layer. */
export interface ChannelHost {
  /** Sends `body` on channel `name` to `to`, or to everyone when `to` is undefined. */
  send(name: string, body: unknown, to: string | undefined): boolean;
  unregister(channel: ChannelEndpoint): void;
}

/**
 * A named, typed channel of a room, peer to peer over the data channels of the mesh (the server
 * never sees what is sent). Get one from `room.channel(name, { validate })`. Messages are JSON,
 * ordered and reliable per sender; each is at most MAX_MESSAGE_BYTES once serialized.
 */
export class RoomChannel<T> implements Subscribable<RoomChannelEvents<T>>, ChannelEndpoint {
  private readonly emitter = new Emitter<RoomChannelEvents<T>>();
  private isClosed = false;

  /** @internal Made by `room.channel()`. */
  constructor(
    readonly name: string,
    private readonly validate: Validate<T>,
    private readonly host: ChannelHost,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  on<K extends keyof RoomChannelEvents<T>>(event: K, listener: Listener<RoomChannelEvents<T>[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof RoomChannelEvents<T>>(event: K, listener: Listener<RoomChannelEvents<T>[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof RoomChannelEvents<T>>(event: K, listener: Listener<RoomChannelEvents<T>[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Sends `message` to the peer whose id is `to`, or to everyone in the room. Messages to a peer
   * whose connection is still opening wait for it. Returns false when nobody was sent it (no such
   * peer, nobody else in the room, the channel is closed). Throws a TypeError when `message` fails
   * your `validate`, and ConfabClientError `MESSAGE_TOO_LARGE` when it is too big.
   */
  send(message: T, to?: string): boolean {
    if (this.isClosed) return false;
    if (!this.validate(message)) throw new TypeError(`The message for channel "${this.name}" does not pass its validate().`);
    return this.host.send(this.name, message, to);
  }

  /** Stops receiving and sending on this channel. Idempotent. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.host.unregister(this);
    this.emitter.removeAllListeners();
  }

  /** @internal A message arrived on this channel's name. */
  handleMessage(body: unknown, from: RemotePeer): void {
    if (this.isClosed) return;
    if (!this.accepts(body)) {
      console.warn(`[confab] ignored a message on channel "${this.name}" from peer ${from.id}: it does not pass validate().`);
      return;
    }
    this.emitter.emit('message', body, from);
  }

  /** `validate`, with a validator that throws counted as a refusal. */
  private accepts(body: unknown): body is T {
    try {
      return this.validate(body);
    } catch (err) {
      console.warn(`[confab] validate() of channel "${this.name}" threw:`, err);
      return false;
    }
  }
}
