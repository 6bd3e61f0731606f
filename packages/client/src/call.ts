import type { CallEndReason as WireCallEndReason, DirectoryPeer } from '@confab/protocol';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { callEnded } from './errors.js';
import type { DirectoryRequest, RequestHandlers } from './directory-requests.js';
import type { PeerLeaveReason, Room } from './room.js';

/**
 * `ringing`: you called, the other side is being rung. `incoming`: someone is calling you.
 * `active`: accepted; both sides join the call's private room (`call.room` once joined).
 * `ended`: over, for `call.endReason`. A call never leaves `ended`.
 */
export type CallState = 'ringing' | 'incoming' | 'active' | 'ended';
export type CallDirection = 'outgoing' | 'incoming';

/**
 * Why a call ended. The server's reasons (`declined`, `busy`, `no-answer`, `cancelled`, `offline`,
 * `hung-up`), and two of the SDK's own: `failed` — the call room could not be joined; and
 * `disconnected` — this side's connection to the server closed.
 */
export type CallEndReason = WireCallEndReason | 'failed' | 'disconnected';

/** Who ended a call: you, the other person, or nobody (`busy`, `no-answer`, a lost connection). */
export type CallEndedBy = 'self' | 'peer' | undefined;

export type CallEvents = {
  /** `call.state` changed. */
  state: [CallState];
  /** You are in the call's room: `call.room`. Fired once, on both sides, after the call is accepted. */
  room: [Room];
  /**
   * The call is over, for any reason. Its room is already closed. The local stream is yours: stop
   * its tracks now. Fired once; every listener is removed right after.
   */
  ended: [CallEndReason, CallEndedBy];
};

/** What a call needs from its directory, and nothing more. */
export interface CallLink {
  /** Your own id in the directory (to tell who ended a call). */
  readonly selfId: string;
  request(msg: DirectoryRequest, handlers?: RequestHandlers): boolean;
  /** Joins the call's private room through the client's ordinary `join`. */
  join(room: string, localStream: MediaStream | null): Promise<Room>;
  /** The call ended: the directory forgets it. */
  ended(call: Call, reason: CallEndReason, by: CallEndedBy): void;
}

export interface CallInit {
  id: string;
  /** The other person, as the directory showed them when the call began. */
  peer: DirectoryPeer;
  localStream: MediaStream | null;
  /** For a call refused before it rang (`busy`): it starts, and stays, ended for this reason. */
  endedAs?: WireCallEndReason;
}

/**
 * A direct call between you and one other person, from the first ring to the end. Get one from
 * `directory.call()` (an OutgoingCall) or the directory's `incoming` event (an IncomingCall).
 *
 * Once accepted, both sides join the call's private room with the ordinary `client.join()`, so the
 * media path is the one rooms use; `call.room` is that Room. Whatever ends the call (either side,
 * a dropped connection, the ring timeout) closes the room. The local stream stays yours: stop its
 * tracks on `ended`.
 */
export abstract class Call implements Subscribable<CallEvents> {
  readonly id: string;
  readonly peer: DirectoryPeer;
  abstract readonly direction: CallDirection;
  protected readonly link: CallLink;
  protected stream: MediaStream | null;
  private currentState: CallState;
  private currentRoom: Room | undefined;
  private end: { reason: CallEndReason; by: CallEndedBy } | undefined;
  private failure: unknown;
  private readonly emitter = new Emitter<CallEvents>();

  /** @internal Calls are made by the directory. */
  constructor(link: CallLink, init: CallInit, state: CallState) {
    this.link = link;
    this.id = init.id;
    this.peer = init.peer;
    this.stream = init.localStream;
    this.currentState = init.endedAs ? 'ended' : state;
    if (init.endedAs) this.end = { reason: init.endedAs, by: undefined };
  }

  get state(): CallState {
    return this.currentState;
  }

  /** The call's room, once joined; undefined before and after. */
  get room(): Room | undefined {
    return this.currentRoom;
  }

  /** The stream this side sends in the call, or null. */
  get localStream(): MediaStream | null {
    return this.stream;
  }

  /** Why the call ended; undefined until it has. */
  get endReason(): CallEndReason | undefined {
    return this.end?.reason;
  }

  get endedBy(): CallEndedBy {
    return this.end?.by;
  }

  on<K extends keyof CallEvents>(event: K, listener: Listener<CallEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof CallEvents>(event: K, listener: Listener<CallEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof CallEvents>(event: K, listener: Listener<CallEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Ends the call from your side, whatever its state: cancels it while it rings, declines it while
   * it is incoming, hangs up once active. Ends it locally at once; the other side is told. Safe to
   * call twice, and after the call ended.
   */
  hangup(): void {
    const state = this.currentState;
    if (state === 'ended') return;
    this.tellServerItEnds();
    this.finish(state === 'active' ? 'hung-up' : state === 'ringing' ? 'cancelled' : 'declined', 'self');
  }

  /** @internal `call-accepted`: the call is on; join its room. */
  handleAccepted(room: string): void {
    if (this.currentState === 'ended' || this.currentState === 'active') return;
    this.setState('active');
    this.link.join(room, this.stream).then(
      (joined) => this.attachRoom(joined),
      (err: unknown) => {
        if (this.currentState === 'ended') return;
        this.failure = err;
        console.warn('[confab] could not join the call room:', err);
        this.link.request({ type: 'hangup', callId: this.id });
        this.finish('failed', undefined);
      },
    );
  }

  /** @internal `call-ended` from the server. `byPeerId` is who ended it, when a person did. */
  handleEnded(reason: WireCallEndReason, byPeerId: string | undefined): void {
    this.finish(reason, this.whoEnded(reason, byPeerId));
  }

  /**
   * @internal This side left the directory (`offline`: the server ends the call itself) or its
   * connection closed (`disconnected`). A client closed on purpose (the tab is going away) still
   * has its socket: the other side is told at once that the call is over.
   */
  handleGone(reason: 'offline' | 'disconnected'): void {
    if (this.currentState === 'ended') return;
    if (reason === 'disconnected') this.tellServerItEnds();
    this.finish(reason, reason === 'offline' ? 'self' : undefined);
  }

  /** Sends what ends the call in its state: cancel while ringing, decline while incoming, else hangup. */
  private tellServerItEnds(): void {
    const type = this.currentState === 'ringing' ? 'cancel' : this.currentState === 'incoming' ? 'decline' : 'hangup';
    this.link.request({ type, callId: this.id });
  }

  /** Why `accept()` failed: the join error for a `failed` call, else a CALL_ENDED error. */
  protected endError(): unknown {
    if (this.end?.reason === 'failed' && this.failure !== undefined) return this.failure;
    return callEnded(this.end ? this.end.reason : 'unknown');
  }

  private attachRoom(room: Room): void {
    if (this.currentState === 'ended') {
      room.close();
      return;
    }
    this.currentRoom = room;
    room.on('peerLeft', (_peer, reason: PeerLeaveReason) => {
      // A call room holds the two of you: when the other leaves, the call is over. The server's
      // `call-ended` usually comes first; this covers a tab that closed before it could hang up.
      this.link.request({ type: 'hangup', callId: this.id });
      this.finish(reason === 'left' ? 'hung-up' : 'offline', 'peer');
    });
    room.on('closed', () => this.finish('disconnected', undefined));
    this.emitter.emit('room', room);
  }

  private whoEnded(reason: WireCallEndReason, byPeerId: string | undefined): CallEndedBy {
    if (byPeerId === this.link.selfId) return 'self';
    if (byPeerId === this.peer.id) return 'peer';
    // Only the callee declines, only the caller cancels.
    const iAmCaller = this.direction === 'outgoing';
    if (reason === 'declined') return iAmCaller ? 'peer' : 'self';
    if (reason === 'cancelled') return iAmCaller ? 'self' : 'peer';
    return undefined;
  }

  private setState(state: CallState): void {
    this.currentState = state;
    this.emitter.emit('state', state);
  }

  /** The one way a call ends: the room closes, `ended` fires once, every listener goes. */
  protected finish(reason: CallEndReason, by: CallEndedBy): void {
    if (this.currentState === 'ended') return;
    this.end = { reason, by };
    this.currentState = 'ended';
    const room = this.currentRoom;
    this.currentRoom = undefined;
    room?.close();
    this.emitter.emit('state', 'ended');
    this.emitter.emit('ended', reason, by);
    this.emitter.removeAllListeners();
    this.link.ended(this, reason, by);
  }
}

/** A call you made. It rings until the other side answers, declines, or the ring times out. */
export class OutgoingCall extends Call {
  readonly direction = 'outgoing' as const;

  /** @internal */
  constructor(link: CallLink, init: CallInit) {
    super(link, init, 'ringing');
  }

  /** Stops ringing. The same as `hangup()`: once the call is active, it hangs up. */
  cancel(): void {
    this.hangup();
  }
}

/** A call someone made to you. Answer it with `accept()` or `decline()`. */
export class IncomingCall extends Call {
  readonly direction = 'incoming' as const;
  private accepting: Promise<Room> | undefined;

  /** @internal */
  constructor(link: CallLink, init: CallInit) {
    super(link, init, 'incoming');
  }

  /**
   * Answers the call, sending `localStream` (none by default; the stream stays yours). Resolves
   * with the call's room once you are in it. Rejects with a ConfabError from the server
   * (`CALL_NOT_FOUND`, `CALL_STATE`) or, when the call ends first, with CALL_ENDED (or the error
   * that kept you out of the room).
   * Calling it again returns the same promise.
   */
  accept(localStream: MediaStream | null = null): Promise<Room> {
    if (this.accepting) return this.accepting;
    if (this.state !== 'incoming') return Promise.reject(this.endError());
    this.stream = localStream;
    this.accepting = new Promise<Room>((resolve, reject) => {
      this.once('room', resolve);
      this.once('ended', () => reject(this.endError()));
      this.link.request(
        { type: 'accept', callId: this.id },
        {
          onError: (err) => {
            reject(err);
            this.finish('failed', undefined);
          },
        },
      );
    });
    return this.accepting;
  }

  /** Turns the call down; the caller hears `declined`. The same as `hangup()` while it rings. */
  decline(): void {
    this.hangup();
  }
}
