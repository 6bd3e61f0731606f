import { ConfabError, type DirectoryPeer, type ServerMessageOf } from '@confab/protocol';
import { IncomingCall, OutgoingCall, type CallEndedBy, type CallEndReason, type CallLink } from './call.js';
import type { DirectoryRequest, RequestHandlers } from './directory-requests.js';
import { Emitter, type Listener, type Subscribable, type Unsubscribe } from './emitter.js';
import { callEnded, connectionClosed } from './errors.js';
import type { Room } from './room.js';

/** Either kind of call; `call.direction` tells them apart. */
export type AnyCall = OutgoingCall | IncomingCall;

/** The server messages of the directory and direct calls, which the client hands to it. */
export type DirectoryMessage = ServerMessageOf<
  'directory' | 'directory-update' | 'ringing' | 'incoming-call' | 'call-accepted' | 'call-ended'
>;

export type DirectoryEvents = {
  /** Someone came online, went offline, or became busy or free (or your own entry changed): read `peers`. */
  changed: [];
  /** Someone is calling you. Answer with `call.accept(stream)` or `call.decline()`. */
  incoming: [IncomingCall];
  /** `currentCall` changed: a call began (either way) or ended. */
  call: [AnyCall | undefined];
  /** A call ended, for any reason, including a call refused before it rang (`busy`). */
  callEnded: [AnyCall, CallEndReason, CallEndedBy];
  /** You left the directory (`goOffline()`) or the connection closed. Every listener is removed right after. */
  closed: [];
};

/** What a directory needs from the client, and nothing more. */
export interface DirectoryLink {
  request(msg: DirectoryRequest, handlers?: RequestHandlers): boolean;
  /** The ordinary `client.join()`: a call room is joined like any room. */
  join(room: string, name: string, localStream: MediaStream | null): Promise<Room>;
  /** The directory closed: the client forgets it. */
  closed(directory: Directory): void;
}

/**
 * Who is online, and direct calls to them by id. Get it from `client.goOnline(name)`. `peers` is
 * a live map of everyone else online, kept up to date by the server's `directory-update`s.
 * One call at a time: `currentCall` is the call ringing or in progress, if any.
 */
export class Directory implements Subscribable<DirectoryEvents> {
  private selfPeer: DirectoryPeer;
  private readonly people = new Map<string, DirectoryPeer>();
  private readonly emitter = new Emitter<DirectoryEvents>();
  private readonly callLink: CallLink;
  private active: AnyCall | undefined;
  /** An `invite` waiting for its answer; only one at a time. */
  private inviting = false;
  private isClosed = false;

  /** @internal Directories are made by `client.goOnline()`. */
  constructor(
    private readonly link: DirectoryLink,
    answer: ServerMessageOf<'directory'>,
  ) {
    this.selfPeer = answer.self;
    for (const peer of answer.peers) if (peer.id !== answer.self.id) this.people.set(peer.id, peer);
    this.callLink = {
      selfId: answer.self.id,
      request: (msg, handlers) => link.request(msg, handlers),
      join: (room, localStream) => link.join(room, this.selfPeer.name, localStream),
      ended: (call, reason, by) => this.onCallEnded(call as AnyCall, reason, by),
    };
  }

  /** You, as the others see you: the name the server accepted, and whether you are busy. */
  get self(): DirectoryPeer {
    return this.selfPeer;
  }

  /** Everyone else online, by id, in the order they came online. A live view. */
  get peers(): ReadonlyMap<string, DirectoryPeer> {
    return this.people;
  }

  /** The call ringing or in progress, if any. */
  get currentCall(): AnyCall | undefined {
    return this.active;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  on<K extends keyof DirectoryEvents>(event: K, listener: Listener<DirectoryEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof DirectoryEvents>(event: K, listener: Listener<DirectoryEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof DirectoryEvents>(event: K, listener: Listener<DirectoryEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Someone online by name, compared as the server compares names (case and width folded):
   * for links such as `/call/<name>`. Undefined when nobody else online has that name.
   */
  findByName(name: string): DirectoryPeer | undefined {
    const key = nameKey(name);
    for (const peer of this.people.values()) if (nameKey(peer.name) === key) return peer;
    return undefined;
  }

  /**
   * Rings `peerId`, who will receive `localStream` once they accept (none by default; the
   * stream stays yours). Resolves once the server has answered: with a call that rings, or, when
   * they are busy, one already ended with `busy` (`callEnded` fires for it too). Rejects with a
   * ConfabError (`CALLEE_NOT_FOUND`, `CALL_SELF`, `ALREADY_IN_CALL`, `NOT_ONLINE`) or a
   * ConfabClientError (`CONNECTION_CLOSED`, `REQUEST_TIMEOUT`).
   */
  call(peerId: string, localStream: MediaStream | null = null): Promise<OutgoingCall> {
    if (this.isClosed) return Promise.reject(new ConfabError('NOT_ONLINE'));
    if (peerId === this.selfPeer.id) return Promise.reject(new ConfabError('CALL_SELF'));
    if (this.active || this.inviting) return Promise.reject(new ConfabError('ALREADY_IN_CALL'));
    const known = this.people.get(peerId);
    return new Promise<OutgoingCall>((resolve, reject) => {
      this.inviting = true;
      const sent = this.link.request(
        { type: 'invite', to: peerId },
        {
          replies: ['ringing', 'call-ended'],
          onReply: (msg) => {
            this.inviting = false;
            if (msg.type === 'ringing') {
              if (this.isClosed) {
                this.link.request({ type: 'cancel', callId: msg.callId });
                reject(callEnded('you went offline'));
                return;
              }
              const call = new OutgoingCall(this.callLink, { id: msg.callId, peer: msg.to, localStream });
              this.setActive(call);
              resolve(call);
            } else if (msg.type === 'call-ended') {
              const peer = known ?? { id: peerId, name: '', busy: true };
              const call = new OutgoingCall(this.callLink, { id: msg.callId, peer, localStream, endedAs: msg.reason });
              this.emitter.emit('callEnded', call, msg.reason, undefined);
              resolve(call);
            }
          },
          onError: (err) => {
            this.inviting = false;
            reject(err);
          },
        },
      );
      if (!sent) {
        this.inviting = false;
        reject(connectionClosed());
      }
    });
  }

  /**
   * Leaves the directory: tells the server, ends the current call (the other side hears
   * `offline`), emits `closed` and removes every listener. Safe to call twice.
   */
  close(): void {
    if (this.isClosed) return;
    this.link.request({ type: 'offline' });
    this.shutDown('offline');
  }

  /** @internal A server message of the directory that answers no request of ours. */
  handle(msg: DirectoryMessage): void {
    if (this.isClosed) return;
    switch (msg.type) {
      case 'directory-update':
        return this.handleUpdate(msg);
      case 'incoming-call':
        return this.handleIncoming(msg);
      case 'call-accepted':
        if (this.active?.id === msg.callId) this.active.handleAccepted(msg.room);
        // Accepted a moment after we hung up here: end it on the server too.
        else this.link.request({ type: 'hangup', callId: msg.callId });
        return;
      case 'call-ended':
        if (this.active?.id === msg.callId) this.active.handleEnded(msg.reason, msg.by);
        return;
      case 'ringing':
        // The answer to an invite we stopped waiting for (it timed out): nobody holds this call.
        this.link.request({ type: 'cancel', callId: msg.callId });
        return;
      case 'directory':
        return;
    }
  }

  /** @internal The connection closed: the call ends (`disconnected`) and so does the directory. */
  handleDisconnected(): void {
    this.shutDown('disconnected');
  }

  private handleUpdate(msg: ServerMessageOf<'directory-update'>): void {
    if (msg.peer) {
      if (msg.peer.id === this.selfPeer.id) this.selfPeer = msg.peer;
      else this.people.set(msg.peer.id, msg.peer);
      this.emitter.emit('changed');
    }
    if (msg.removed !== undefined) {
      if (msg.removed === this.selfPeer.id) {
        // The server took us out of the directory.
        this.shutDown('offline');
        return;
      }
      if (this.people.delete(msg.removed)) this.emitter.emit('changed');
    }
  }

  private handleIncoming(msg: ServerMessageOf<'incoming-call'>): void {
    if (this.active) {
      // The server thinks we are free while we still hold a call: we are not free, say so.
      this.link.request({ type: 'decline', callId: msg.callId });
      return;
    }
    const call = new IncomingCall(this.callLink, { id: msg.callId, peer: msg.from, localStream: null });
    this.setActive(call);
    this.emitter.emit('incoming', call);
  }

  private setActive(call: AnyCall): void {
    this.active = call;
    this.emitter.emit('call', call);
  }

  private onCallEnded(call: AnyCall, reason: CallEndReason, by: CallEndedBy): void {
    if (this.active === call) {
      this.active = undefined;
      this.emitter.emit('call', undefined);
    }
    this.emitter.emit('callEnded', call, reason, by);
  }

  private shutDown(reason: 'offline' | 'disconnected'): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.active?.handleGone(reason);
    this.emitter.emit('closed');
    this.emitter.removeAllListeners();
    this.link.closed(this);
  }
}

/** How the server compares names: "Ann" and "ann" are one name. */
export function nameKey(name: string): string {
  return name.trim().normalize('NFKC').toLocaleLowerCase('en-US');
}
