import {
  alreadyInRoom,
  ConfabError,
  type MediaState,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
  type SignalData,
} from '@confab/protocol';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { connectionClosed, ConfabClientError } from './errors.js';
import { mediaStateOf } from './local-media.js';
import { Room, type RoomTransport } from './room.js';
import type { SignalingChannel } from './signaling.js';

export type ClientState = 'open' | 'closed';

export interface JoinOptions {
  /** The room's password: sets it when you create the room, must match when the room has one. */
  password?: string;
}

export type ClientEvents = {
  /** The signaling connection closed (`close()`, network loss or a silent server). Fired once. */
  state: [ClientState];
  /**
   * An error the server sent that answers no pending request, e.g. PEER_NOT_FOUND when a
   * signal races a peer's departure. Errors that answer a request reject its promise instead.
   */
  error: [ConfabError];
};

type PushHandlers = { [K in ServerMessageType]: (msg: ServerMessageOf<K>) => void };

/** Most room messages kept while a join is in flight (see `joinBacklog`). */
const MAX_JOIN_BACKLOG = 256;

const ignore = (): void => {};

/**
 * A connection to a Confab server. Get one from `connect()`. One client is in at most one room at
 * a time; closing the client closes its room.
 */
export class ConfabClient implements Subscribable<ClientEvents> {
  /** The id the server gave this connection; it is `room.self.id` in every room you join. */
  readonly peerId: string;
  /** STUN/TURN servers from the server's `welcome`, used for every peer connection. */
  readonly iceServers: RTCIceServer[];
  /** The server's liveness interval; the client pings at this pace. */
  readonly heartbeatMs: number;
  private readonly emitter = new Emitter<ClientEvents>();
  private currentRoom: Room | undefined;
  private joining = false;
  /**
   * Room messages that arrive while `join` waits for `joined`: the server may announce a peer who
   * joined at the same moment before it answers our join. They are replayed into the new room.
   */
  private joinBacklog: ServerMessage[] | undefined;
  /** The `leave` of the last room, until the server answers it (or fails to). */
  private pendingLeave: Promise<void> | undefined;
  private isClosed = false;

  private readonly handlers: PushHandlers = {
    'peer-joined': (msg) => this.toRoom(msg, (room) => room.handlePeerJoined(msg.peer)),
    'peer-left': (msg) => this.toRoom(msg, (room) => room.handlePeerLeft(msg.peerId, msg.reason)),
    'peer-updated': (msg) => this.toRoom(msg, (room) => room.handlePeerUpdated(msg.peer)),
    signal: (msg) => this.toRoom(msg, (room) => room.handleSignal(msg.from, msg.data)),
    error: (msg) => this.emitter.emit('error', new ConfabError(msg.code, msg.message, msg.re)),
    // Answers nobody waits for any more: their request timed out.
    welcome: ignore,
    joined: ignore,
    left: ignore,
    // Answers to the keepalive's pings.
    pong: ignore,
  };

  /** @internal Clients are made by `connect()`. */
  constructor(
    private readonly channel: SignalingChannel,
    welcome: ServerMessageOf<'welcome'>,
  ) {
    this.peerId = welcome.peerId;
    this.iceServers = welcome.iceServers.map((server) => ({ ...server }));
    this.heartbeatMs = welcome.heartbeatMs;
    channel.on('message', (msg) => this.dispatch(msg));
    channel.on('state', () => this.close());
  }

  get state(): ClientState {
    return this.isClosed ? 'closed' : 'open';
  }

  /** The room this client is in, if any. */
  get room(): Room | undefined {
    return this.currentRoom;
  }

  on<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Joins `room` as `name`, sending the tracks of `localStream` (null to join without media: you
   * still receive everyone else's). The others see your media as on for each kind with an enabled
   * live track. Rejects with a ConfabError (`ROOM_FULL`, `INVALID_ROOM`, `INVALID_NAME`,
   * `ALREADY_IN_ROOM`, `PASSWORD_REQUIRED`, `WRONG_PASSWORD`, …) or a ConfabClientError
   * (`CONNECTION_CLOSED`, `REQUEST_TIMEOUT`).
   *
   * The stream stays yours: the SDK never stops its tracks.
   */
  async join(room: string, name: string, localStream: MediaStream | null, options: JoinOptions = {}): Promise<Room> {
    if (this.isClosed) throw connectionClosed();
    if (this.currentRoom || this.joining) throw alreadyInRoom(this.currentRoom?.name ?? room, { type: 'join' });
    this.joining = true;
    try {
      // After a close() that did not wait, the server first answers that leave: whatever the old
      // room sends until then must not leak into the new one.
      await this.pendingLeave;
      if (this.isClosed) throw connectionClosed();
      this.joinBacklog = [];
      const joined = await this.channel.request({
        type: 'join',
        room,
        name,
        media: mediaStateOf(localStream),
        ...(options.password === undefined ? {} : { password: options.password }),
      });
      if (this.isClosed) throw connectionClosed();
      const created: Room = new Room({
        joined,
        iceServers: this.iceServers,
        localStream,
        transport: this.roomTransport(),
        onClosed: () => {
          if (this.currentRoom === created) this.currentRoom = undefined;
        },
      });
      this.currentRoom = created;
      const backlog = this.joinBacklog;
      this.joinBacklog = undefined;
      for (const msg of backlog) this.dispatch(msg);
      return created;
    } finally {
      this.joining = false;
      this.joinBacklog = undefined;
    }
  }

  /**
   * Closes the connection: closes the room (telling the server first, if it can), the socket,
   * emits `state` 'closed' and removes every listener. Safe to call twice.
   */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.currentRoom?.close();
    this.channel.close();
    this.emitter.emit('state', 'closed');
    this.emitter.removeAllListeners();
  }

  private dispatch(msg: ServerMessage): void {
    // The map is keyed by `msg.type`, so the handler matches the message; TS cannot see that.
    (this.handlers[msg.type] as (msg: ServerMessage) => void)(msg);
  }

  private toRoom(msg: ServerMessage, deliver: (room: Room) => void): void {
    if (this.currentRoom) deliver(this.currentRoom);
    else if (this.joinBacklog && this.joinBacklog.length < MAX_JOIN_BACKLOG) this.joinBacklog.push(msg);
  }

  private roomTransport(): RoomTransport {
    const channel = this.channel;
    const leave = (): Promise<void> => {
      const done = channel.request({ type: 'leave' }).then(
        () => {},
        (err: unknown) => {
          // Already out of the room, one way or another: leaving succeeded.
          if (!isGone(err)) throw err;
        },
      );
      const settled = done.catch(() => {});
      this.pendingLeave = settled;
      void settled.then(() => {
        if (this.pendingLeave === settled) this.pendingLeave = undefined;
      });
      return done;
    };
    return {
      sendSignal: (to: string, data: SignalData) => void channel.send({ type: 'signal', to, data }),
      sendMedia: (media: MediaState) => void channel.send({ type: 'media', audio: media.audio, video: media.video }),
      leave,
      leaveNoWait: () => void leave().catch(() => {}),
    };
  }
}

function isGone(err: unknown): boolean {
  return (
    (err instanceof ConfabClientError && err.code === 'CONNECTION_CLOSED') ||
    (err instanceof ConfabError && err.code === 'NOT_IN_ROOM')
  );
}
