import {
  nameKey,
  type AnyCall,
  type CallEndedBy,
  type CallEndReason,
  type CallState,
  type ConfabClient,
  type Directory,
  type DirectoryPeer,
  type Room,
} from '@confab/client';
import { text, type Text } from '../i18n/text.js';
import { describeCallEnd, describeCallError, describeGoOnlineError } from './call-outcome.js';
import { Observable } from './observable.js';

/** The call of the moment, as the page shows it. An ended call is no call: `call` goes back to null. */
export interface CallView {
  id: string;
  direction: 'outgoing' | 'incoming';
  state: Exclude<CallState, 'ended'>;
  peerName: string;
  /** The call's room once joined. */
  room: Room | null;
  /** What this side sends: camera and microphone, or null. */
  stream: MediaStream | null;
  /** Accept was pressed: the camera is starting or the answer is on its way. */
  answering: boolean;
}

export interface DirectCallsState {
  phase: 'offline' | 'going-online' | 'online';
  /** You in the directory, while online. */
  self: DirectoryPeer | null;
  /** Everyone else online, by name. */
  peers: readonly DirectoryPeer[];
  /** Someone you are starting to call, before the server rings them (the camera is starting). */
  calling: string | null;
  call: CallView | null;
  /** How the last call ended, in words: "Bob declined", "No answer", … */
  notice: Text | null;
  /** Why going online or calling failed, in words. */
  error: Text | null;
}

export interface DirectCallsOptions {
  /** The signaling client (only `goOnline` is needed); the connection is shared with the page. */
  client: () => Promise<Pick<ConfabClient, 'goOnline'>>;
  /** Camera and microphone for a call; null when they cannot be had (the call goes on without). */
  capture: () => Promise<MediaStream | null>;
  stopStream: (stream: MediaStream | null) => void;
}

/** Before going online. */
export const OFFLINE_STATE: DirectCallsState = {
  phase: 'offline',
  self: null,
  peers: [],
  calling: null,
  call: null,
  notice: null,
  error: null,
};

/**
 * The direct-calls page without React: going online, the live list of people, one call at a
 * time, and what to tell the person when something happens. It owns the local stream of a call
 * and stops its tracks when the call ends, whatever ends it.
 */
export class DirectCalls extends Observable<DirectCallsState> {
  readonly #options: DirectCallsOptions;
  #directory: Directory | null = null;
  #call: AnyCall | null = null;
  #stream: MediaStream | null = null;
  #answering = false;
  /** Cancel was pressed before the server rang the callee. */
  #cancelCalling = false;
  #closed = false;

  constructor(options: DirectCallsOptions) {
    super(OFFLINE_STATE);
    this.#options = options;
  }

  /** Goes online as `name`; then, with `ringName` (from `/call/<name>`), starts ringing that person. */
  async goOnline(name: string, ringName?: string | null): Promise<void> {
    if (this.#closed || this.getSnapshot().phase !== 'offline') return;
    this.#update({ phase: 'going-online', error: null, notice: null });
    let directory: Directory;
    try {
      const client = await this.#options.client();
      directory = await client.goOnline(name.trim());
    } catch (err) {
      if (!this.#closed) this.#update({ phase: 'offline', error: describeGoOnlineError(err) });
      return;
    }
    if (this.#closed) {
      directory.close();
      return;
    }
    this.#attach(directory);
    if (ringName) void this.callByName(ringName);
  }

  goOffline(): void {
    this.#directory?.close();
  }

  /** Rings someone from the list. */
  async call(peer: DirectoryPeer): Promise<void> {
    const directory = this.#directory;
    if (!directory || this.#call || this.getSnapshot().calling !== null) return;
    this.#cancelCalling = false;
    this.#update({ calling: peer.name, notice: null, error: null });
    const stream = await this.#options.capture();
    if (this.#closed || directory.closed || this.#cancelCalling) {
      this.#options.stopStream(stream);
      this.#update({ calling: null, notice: this.#cancelCalling ? text('calls.end.cancelled') : null });
      return;
    }
    this.#stream = stream;
    try {
      const call = await directory.call(peer.id, stream);
      // Busy: already ended, and callEnded has said so and stopped the stream.
      if (call.state !== 'ended') {
        this.#track(call);
        if (this.#cancelCalling) call.cancel();
      }
      this.#update({ calling: null });
    } catch (err) {
      this.#releaseStream();
      this.#update({ calling: null, error: describeCallError(err, peer.name) });
    }
  }

  /** Rings someone by name, as a `/call/<name>` link asks: they must be online now. */
  async callByName(name: string): Promise<void> {
    const directory = this.#directory;
    if (!directory) return;
    const peer = directory.findByName(name);
    if (peer) return this.call(peer);
    const own = nameKey(name) === nameKey(directory.self.name);
    this.#update({
      error: own ? text('calls.error.ownLink') : text('calls.error.notOnline', { name }),
    });
  }

  /** Answers the incoming call with camera and microphone. */
  async accept(): Promise<void> {
    const call = this.#call;
    if (!call || call.direction !== 'incoming' || call.state !== 'incoming' || this.#answering) return;
    this.#answering = true;
    this.#syncCall();
    const stream = await this.#options.capture();
    if (this.#call !== call || call.state !== 'incoming') {
      this.#options.stopStream(stream);
      return;
    }
    this.#stream = stream;
    this.#syncCall();
    try {
      await call.accept(stream);
    } catch {
      // The call ended first; `callEnded` tells the person why.
    }
  }

  /** Ends the call from this side, whatever its state: cancel, decline, or hang up. */
  hangup(): void {
    if (this.#call) this.#call.hangup();
    else if (this.getSnapshot().calling !== null) this.#cancelCalling = true;
  }

  dismiss(): void {
    this.#update({ notice: null, error: null });
  }

  /** The page is going away: offline, the call ended, the camera off. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#directory?.close();
    this.#releaseStream();
  }

  #attach(directory: Directory): void {
    this.#directory = directory;
    directory.on('changed', () => this.#update({ self: directory.self, peers: sortedPeers(directory) }));
    directory.on('incoming', (call) => this.#track(call));
    directory.on('callEnded', (call, reason, by) => this.#ended(call, reason, by));
    directory.on('closed', () => {
      this.#directory = null;
      this.#releaseStream();
      this.#update({ phase: 'offline', self: null, peers: [], call: null, calling: null });
    });
    this.#update({ phase: 'online', self: directory.self, peers: sortedPeers(directory) });
  }

  #track(call: AnyCall): void {
    this.#call = call;
    this.#answering = false;
    call.on('state', () => this.#syncCall());
    call.on('room', () => this.#syncCall());
    this.#update({ notice: null, error: null });
    this.#syncCall();
  }

  #ended(call: AnyCall, reason: CallEndReason, by: CallEndedBy): void {
    // A call refused before it rang (busy) was never tracked, but its stream is the one held.
    if (this.#call === call || this.#call === null) {
      this.#call = null;
      this.#answering = false;
      this.#releaseStream();
    }
    this.#update({ call: this.#call ? this.getSnapshot().call : null, notice: describeCallEnd(reason, by, call.direction, call.peer.name) });
  }

  #syncCall(): void {
    const call = this.#call;
    if (!call || call.state === 'ended') {
      this.#update({ call: null });
      return;
    }
    this.#update({
      call: {
        id: call.id,
        direction: call.direction,
        state: call.state,
        peerName: call.peer.name,
        room: call.room ?? null,
        stream: this.#stream,
        answering: this.#answering,
      },
    });
  }

  #releaseStream(): void {
    this.#options.stopStream(this.#stream);
    this.#stream = null;
  }

  #update(changes: Partial<DirectCallsState>): void {
    this.set({ ...this.getSnapshot(), ...changes });
  }
}

function sortedPeers(directory: Directory): DirectoryPeer[] {
  return [...directory.peers.values()].sort((a, b) => a.name.localeCompare(b.name));
}
