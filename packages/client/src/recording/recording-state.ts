import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import { PeerState, type PeerStateHost } from '../data/peer-state.js';
import type { RoomChannel } from '../data/room-channel.js';
import type { RoomRecording } from './room-recording.js';

/** The room channel recording announcements use. */
export const RECORDING_CHANNEL = 'confab.recording';

/** "I am recording since `since` (my clock)", or "I am not". */
export type RecordingWireMessage = { recording: true; since: number } | { recording: false };

export function isRecordingWireMessage(body: unknown): body is RecordingWireMessage {
  if (typeof body !== 'object' || body === null) return false;
  const { recording, since } = body as Record<string, unknown>;
  if (recording === false) return since === undefined;
  return recording === true && typeof since === 'number' && Number.isFinite(since) && since >= 0;
}

/** Someone recording the call (maybe you). */
export interface Recorder {
  peerId: string;
  name: string;
  since: number;
  self: boolean;
}

export type RecordingStateEvents = {
  /** Someone started or stopped recording; `recorders` is the new list. */
  change: [readonly Recorder[]];
};

export interface RecordingStateOptions {
  channel: RoomChannel<RecordingWireMessage>;
  host: PeerStateHost;
  self: () => { id: string; name: string };
  now?: () => number;
}

/**
 * Who is recording the call: `room.recording`. A recording made with `room.record()` announces
 * itself here, and everyone sees it in `recorders` (sent again whenever a data channel opens, so
 * someone joining later learns it). Recording is local: the file stays with whoever made it.
 */
export class RecordingState implements Subscribable<RecordingStateEvents> {
  private readonly emitter = new Emitter<RecordingStateEvents>();
  private readonly state: PeerState<RecordingWireMessage>;
  private readonly self: () => { id: string; name: string };
  private readonly now: () => number;
  private list: readonly Recorder[] = [];
  private ownRecording: RoomRecording | null = null;

  /** @internal Made by the room. */
  constructor(options: RecordingStateOptions) {
    this.self = options.self;
    this.now = options.now ?? Date.now;
    this.state = new PeerState<RecordingWireMessage>(options.channel, options.host, { recording: false }, (value) => !value.recording);
    this.state.onChange(() => this.update());
  }

  /** Whether you are recording. */
  get isRecording(): boolean {
    return this.state.own.recording;
  }

  /** Your recording in progress (`room.record()`), or null. */
  get current(): RoomRecording | null {
    return this.ownRecording;
  }

  /** Everyone recording now, you included, earliest first. A new array after each change. */
  get recorders(): readonly Recorder[] {
    return this.list;
  }

  on<K extends keyof RecordingStateEvents>(event: K, listener: Listener<RecordingStateEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof RecordingStateEvents>(event: K, listener: Listener<RecordingStateEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof RecordingStateEvents>(event: K, listener: Listener<RecordingStateEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** @internal Announces that you started (true) or stopped (false) recording; `by` is that recording. */
  announce(recording: boolean, by?: RoomRecording): void {
    if (recording) this.ownRecording = by ?? null;
    else if (by === undefined || this.ownRecording === by) this.ownRecording = null;
    if (recording === this.isRecording) return;
    this.state.set(recording ? { recording: true, since: this.now() } : { recording: false });
  }

  /** @internal */
  close(): void {
    this.state.close();
    this.emitter.removeAllListeners();
  }

  private update(): void {
    const next: Recorder[] = [];
    const own = this.state.own;
    if (own.recording) {
      const self = this.self();
      next.push({ peerId: self.id, name: self.name, since: own.since, self: true });
    }
    for (const { peer, value } of this.state.entries()) {
      if (value.recording) next.push({ peerId: peer.id, name: peer.name, since: value.since, self: false });
    }
    next.sort((a, b) => a.since - b.since);
    if (next.length === this.list.length && next.every((r, i) => r.peerId === this.list[i]?.peerId && r.name === this.list[i]?.name)) return;
    this.list = next;
    this.emitter.emit('change', this.list);
  }
}
