import {
  alreadyInRoom,
  ConfabError,
  type MediaState,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
  type SignalData,
} from '@confab/protocol';
import type { Directory } from './directory.js';
import { DirectoryManager } from './directory-manager.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { generateCertificate, usableCertificate } from './certificate.js';
import { connectionClosed, ConfabClientError } from './errors.js';
import { mediaStateOf } from './local-media.js';
import { Lobby, type PreparedRoom } from './lobby.js';
import { Room, type RoomTransport } from './room.js';
import type { ReconnectingChannel } from './reconnecting-channel.js';
import { SessionRecovery } from './session-recovery.js';

/**
 * `reconnecting`: the signaling connection was lost and is being re-established (peer
 * connections keep carrying media meanwhile); `open` again once the session and room are back.
 */
export type ClientState = 'open' | 'reconnecting' | 'closed';

export interface JoinOptions {
  /** The room's password: sets it when you create the room, must match when the room has one. */
  password?: string;
  /**
   * `relay` sends all your media through the TURN server, so the others never learn your IP
   * address (the "Hide my IP address" setting). Defaults to the server's `iceTransportPolicy`.
   */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /**
   * The largest file, in bytes, that `room.files` sends or accepts (bigger offers are refused,
   * and the sender is told). Default DEFAULT_MAX_FILE_SIZE (2 GiB).
   */
  maxFileSize?: number;
}

export interface PrepareOptions {
  /** The room's password, checked now as at a join. */
  password?: string;
  /** The ICE transport policy the join will use (the lobby's "Hide my IP address"); a join with another one does not use what was prepared. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** The lobby's camera, if it has one: not sent, only used to set the video's small first encoding ahead. */
  camera?: MediaStreamTrack;
}

/**
 * Why the lobby's preparation ended without a join: `expired` (the server's limit), `reconnecting`
 * (the signaling connection dropped; prepare again once it is `open`).
 */
export type PrepareEndReason = 'expired' | 'reconnecting';

export type ClientEvents = {
  /**
   * `reconnecting` when the signaling connection is lost, `open` when the session (and the room)
   * are back, `closed` once for good: `close()`, or a server that refuses to take the client back.
   */
  state: [ClientState];
  /**
   * An error the server sent that answers no pending request, e.g. PEER_NOT_FOUND when a
   * signal races a peer's departure. Errors that answer a request reject its promise instead.
   */
  error: [ConfabError];
  /** The server sent fresh STUN/TURN servers (before the TURN credentials expire); already applied. */
  iceServers: [RTCIceServer[]];
  /** The lobby's preparation (`prepare()`) ended without a join; prepare again to renew it. */
  prepareEnded: [PrepareEndReason];
  /** Someone joined or left the room prepared in (`prepare()`): who is in it now. */
  preparedChanged: [PreparedRoom];
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
  /** The server's default ICE transport policy (`relay`: through TURN only), from `welcome`. */
  readonly iceTransportPolicy: RTCIceTransportPolicy;
  /** The server's liveness interval; the client pings at this pace. */
  readonly heartbeatMs: number;
  private readonly emitter = new Emitter<ClientEvents>();
  private currentIceServers: RTCIceServer[];
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
  private readonly recovery: SessionRecovery;
  /** The DTLS certificate of every peer connection, generated ahead of the first join (certificate.ts). */
  private readonly certificate = generateCertificate();

  private readonly directories = new DirectoryManager({
    send: (msg) => this.channel.send(msg),
    join: (room, name, localStream) => this.join(room, name, localStream),
  });

  /** The lobby's preparation (`prepare()`), until the join adopts it or it ends. */
  private lobby: Lobby | undefined;

  private readonly handlers: PushHandlers = {
    'peer-joined': (msg) => {
      if (!this.toLobby((lobby) => lobby.handlePeerJoined(msg.peer))) this.toRoom(msg, (room) => room.handlePeerJoined(msg.peer));
    },
    'peer-left': (msg) => {
      if (!this.toLobby((lobby) => lobby.handlePeerLeft(msg.peerId))) this.toRoom(msg, (room) => room.handlePeerLeft(msg.peerId, msg.reason));
    },
    'peer-updated': (msg) => this.toRoom(msg, (room) => room.handlePeerUpdated(msg.peer)),
    signal: (msg) => {
      // Until the join adopts them, the lobby's connections answer for themselves.
      if (!this.currentRoom && this.lobby?.handleSignal(msg.from, msg.data)) return;
      this.toRoom(msg, (room) => room.handleSignal(msg.from, msg.data));
    },
    'peer-preparing': (msg) => this.toRoom(msg, (room) => room.handlePeerPreparing(msg.peer)),
    'peer-unprepared': (msg) => this.toRoom(msg, (room) => room.handlePeerUnprepared(msg.peerId)),
    unprepared: (msg) => {
      if (msg.re !== undefined || !this.lobby || this.lobby.room !== msg.room) return;
      this.endLobby();
      this.emitter.emit('prepareEnded', 'expired');
    },
    prepared: ignore,
    'ice-servers': (msg) => this.applyIceServers(msg.iceServers),
    error: (msg) => {
      if (!this.directories.handleError(msg)) this.emitter.emit('error', new ConfabError(msg.code, msg.message, msg.re));
    },
    // The directory and direct calls (directory-manager.ts).
    directory: (msg) => this.directories.handle(msg),
    'directory-update': (msg) => this.directories.handle(msg),
    ringing: (msg) => this.directories.handle(msg),
    'incoming-call': (msg) => this.directories.handle(msg),
    'call-accepted': (msg) => this.directories.handle(msg),
    'call-ended': (msg) => this.directories.handle(msg),
    // Answers nobody waits for any more: their request timed out.
    welcome: ignore,
    joined: ignore,
    left: ignore,
    // Answers to the keepalive's pings.
    pong: ignore,
  };

  /** @internal Clients are made by `connect()`. */
  constructor(
    private readonly channel: ReconnectingChannel,
    welcome: ServerMessageOf<'welcome'>,
  ) {
    this.currentIceServers = copyIceServers(welcome.iceServers);
    this.iceTransportPolicy = welcome.iceTransportPolicy ?? 'all';
    this.heartbeatMs = welcome.heartbeatMs;
    channel.on('message', (msg) => this.dispatch(msg));
    this.recovery = new SessionRecovery({
      channel,
      room: () => this.currentRoom,
      onWelcome: (next) => this.applyIceServers(next.iceServers),
      onRejoinFailed: (err) => this.emitter.emit('error', err),
    });
    this.recovery.handleInitialWelcome(welcome, welcome.resumed);
    this.recovery.onState((state) => {
      if (this.isClosed) return;
      // Directory presence does not outlive the connection (yet): it closes, ending a direct call.
      // Nor does a lobby's preparation: the server dropped it with the connection.
      if (state === 'reconnecting') {
        this.directories.close();
        if (this.lobby) {
          this.endLobby();
          this.emitter.emit('prepareEnded', 'reconnecting');
        }
      }
      // Back: the server may have kept our place in the directory; take it back (`offline`).
      else if (state === 'open') this.directories.handleReconnected();
      this.emitter.emit('state', state);
    });
    channel.on('state', (state) => {
      if (state === 'closed') this.close();
    });
  }

  /**
   * The id the server gave this client; it is `room.self.id` in every room you join. It survives
   * reconnects; only a refused resume (`RESUME_FAILED`) gives a new one.
   */
  get peerId(): string {
    return this.channel.welcome?.peerId ?? '';
  }

  /**
   * STUN/TURN servers for every peer connection: from `welcome`, replaced by each `ice-servers`
   * the server sends before its TURN credentials expire.
   */
  get iceServers(): RTCIceServer[] {
    return this.currentIceServers;
  }

  get state(): ClientState {
    return this.isClosed ? 'closed' : this.recovery.state;
  }

  /** The room this client is in, if any. */
  get room(): Room | undefined {
    return this.currentRoom;
  }

  /** The directory, while this client is online in it (`goOnline()`). */
  get directory(): Directory | undefined {
    return this.directories.directory;
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
      // (Awaited only when there is one: the `join` leaves in the same turn as the call otherwise.)
      if (this.pendingLeave) await this.pendingLeave;
      if (this.isClosed) throw connectionClosed();
      this.joinBacklog = [];
      // The lobby's connections serve this join only if they were made for it; else they go now
      // (the server leaves their lobby itself when the join arrives).
      const policy = options.iceTransportPolicy ?? this.iceTransportPolicy;
      if (this.lobby && (this.lobby.room !== room || this.lobby.iceTransportPolicy !== policy)) this.endLobby();
      const [joined, generated] = await Promise.all([
        this.channel.request({
          type: 'join',
          room,
          name,
          media: mediaStateOf(localStream),
          ...(options.password === undefined ? {} : { password: options.password }),
        }),
        this.certificate,
      ]);
      if (this.isClosed) throw connectionClosed();
      const certificate = usableCertificate(generated);
      const prepared = this.lobby?.take();
      this.lobby = undefined;
      const created: Room = new Room({
        joined,
        ...(prepared ? { prepared } : {}),
        iceServers: this.iceServers,
        iceTransportPolicy: policy,
        localStream,
        transport: this.roomTransport(),
        onClosed: () => {
          if (this.currentRoom === created) this.currentRoom = undefined;
        },
        ...(options.maxFileSize === undefined ? {} : { files: { maxFileSize: options.maxFileSize } }),
        ...(certificate
          ? { createPeerConnection: (config: RTCConfiguration) => new RTCPeerConnection({ ...config, certificates: [certificate] }) }
          : {}),
      });
      this.currentRoom = created;
      this.recovery.remember(created, options.password);
      const backlog = this.joinBacklog;
      this.joinBacklog = undefined;
      for (const msg of backlog) this.dispatch(msg);
      return created;
    } catch (err) {
      // A refused join ends the lobby's preparation too (the server dropped it).
      this.endLobby();
      throw err;
    } finally {
      this.joining = false;
      this.joinBacklog = undefined;
    }
  }

  /**
   * Prepares a join of `room` from its lobby (docs/join-latency.md): the server checks access now
   * (the same errors as `join()`: `ROOM_FULL`, `PASSWORD_REQUIRED`, `WRONG_PASSWORD`, …, and
   * `PREJOIN_DISABLED` or `LOBBY_FULL` when it will not prepare), then the client sets up a
   * connection to each person in the room with no audio, video or data flowing either way. A
   * later `join()` of the same room (with the same ICE transport policy) uses them, so the media
   * start at once. Nobody in the room sees you until you join. Preparing again (another room,
   * another password) replaces the preparation; `unprepare()` ends it; `prepareEnded` says when
   * the server or a reconnect ended it. Resolves with who is in the room now.
   */
  async prepare(room: string, name: string, options: PrepareOptions = {}): Promise<PreparedRoom> {
    if (this.isClosed) throw connectionClosed();
    if (this.currentRoom || this.joining) throw alreadyInRoom(this.currentRoom?.name ?? room, { type: 'prepare' });
    this.endLobby();
    const [prepared, generated] = await Promise.all([
      this.channel.request({
        type: 'prepare',
        room,
        name,
        ...(options.password === undefined ? {} : { password: options.password }),
      }),
      this.certificate,
    ]);
    if (this.isClosed) throw connectionClosed();
    if (this.currentRoom || this.joining) throw alreadyInRoom(room, { type: 'prepare' });
    // A newer prepare() may have answered first: the last one asked wins.
    this.endLobby();
    const certificate = usableCertificate(generated);
    const lobby = new Lobby({
      prepared,
      selfId: this.peerId,
      iceServers: this.iceServers,
      iceTransportPolicy: options.iceTransportPolicy ?? this.iceTransportPolicy,
      ...(options.camera ? { camera: options.camera } : {}),
      sendSignal: (to, data) => this.channel.send({ type: 'signal', to, data }),
      canSignal: () => this.recovery.up,
      ...(certificate
        ? { createPeerConnection: (config: RTCConfiguration) => new RTCPeerConnection({ ...config, certificates: [certificate] }) }
        : {}),
    });
    this.lobby = lobby;
    return lobby.prepared;
  }

  /**
   * The lobby's camera changed after `prepare()` (it came up later, another one was picked, or it
   * was turned off): the prepared connections follow it, so Join still only starts the media. The
   * camera is never sent before the join. Nothing happens when nothing is prepared.
   */
  setPrepareCamera(camera: MediaStreamTrack | undefined): void {
    this.lobby?.setCamera(camera);
  }

  /** The room prepared in (`prepare()`), until the join or `unprepare()`. */
  get prepared(): PreparedRoom | undefined {
    return this.lobby?.prepared;
  }

  /** Ends the lobby's preparation: its connections close, and the room's people are told. Safe when none. */
  unprepare(): void {
    if (!this.lobby) return;
    this.endLobby();
    this.channel.request({ type: 'unprepare' }).catch(() => {});
  }

  /**
   * Enters the directory of people online as `name`, so that others can call you and you them.
   * Resolves with the live Directory (everyone else online, and your calls). Rejects with a
   * ConfabError (`NAME_TAKEN`, `INVALID_NAME`, `ALREADY_ONLINE`) or a ConfabClientError
   * (`CONNECTION_CLOSED`, `REQUEST_TIMEOUT`). An accepted call is joined with `join()`, so it is
   * a Room like any other while it lasts.
   */
  goOnline(name: string): Promise<Directory> {
    return this.directories.goOnline(name);
  }

  /** Leaves the directory (the same as `directory.close()`), ending any call. Safe when offline. */
  goOffline(): void {
    this.directories.goOffline();
  }

  /**
   * Checks the connection and recovers what it can, for a page coming back from the background
   * (`visibilitychange` to visible, `pageshow`, `online`): the signaling socket must answer a ping
   * or is replaced (resume), a reconnect waiting for its backoff goes now, and each peer
   * connection that is failed or disconnected restarts ICE. Cheap when all is well.
   */
  checkConnection(): void {
    if (this.isClosed) return;
    this.channel.check();
    this.currentRoom?.recover();
  }

  /**
   * Closes the connection: closes the room (telling the server first, if it can), the socket,
   * emits `state` 'closed' and removes every listener. Safe to call twice.
   */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.directories.close();
    this.endLobby();
    this.currentRoom?.close();
    this.recovery.close();
    this.channel.close();
    this.emitter.emit('state', 'closed');
    this.emitter.removeAllListeners();
  }

  private dispatch(msg: ServerMessage): void {
    // The map is keyed by `msg.type`, so the handler matches the message; TS cannot see that.
    (this.handlers[msg.type] as (msg: ServerMessage) => void)(msg);
  }

  private applyIceServers(iceServers: ServerMessageOf<'ice-servers'>['iceServers']): void {
    this.currentIceServers = copyIceServers(iceServers);
    this.currentRoom?.handleIceServers(this.currentIceServers);
    this.lobby?.handleIceServers(this.currentIceServers);
    this.emitter.emit('iceServers', this.currentIceServers);
  }

  private endLobby(): void {
    this.lobby?.close();
    this.lobby = undefined;
  }

  /**
   * Who joined or left, for the lobby while there is no room and no join in flight (the lobby's
   * `preparedChanged` follows); false when not taken.
   */
  private toLobby(deliver: (lobby: Lobby) => void): boolean {
    const lobby = this.lobby;
    if (!lobby || this.currentRoom || this.joinBacklog) return false;
    deliver(lobby);
    this.emitter.emit('preparedChanged', lobby.prepared);
    return true;
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
      // While reconnecting these wait in the recovery's outbox, and go once the room is back.
      sendSignal: (to: string, data: SignalData) => this.recovery.send({ type: 'signal', to, data }),
      sendMedia: (media: MediaState) => this.recovery.send({ type: 'media', ...media }),
      leave,
      leaveNoWait: () => void leave().catch(() => {}),
      isUp: () => this.recovery.up,
    };
  }
}

function copyIceServers(servers: ServerMessageOf<'welcome'>['iceServers']): RTCIceServer[] {
  return servers.map((server) => ({ ...server }));
}

function isGone(err: unknown): boolean {
  return (
    (err instanceof ConfabClientError && err.code === 'CONNECTION_CLOSED') ||
    (err instanceof ConfabError && err.code === 'NOT_IN_ROOM')
  );
}
