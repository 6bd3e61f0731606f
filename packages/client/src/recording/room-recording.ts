import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import { ConfabClientError } from '../errors.js';
import type { Room } from '../room.js';
import { recordingFileName, pickMimeType } from './format.js';
import { orderScreens } from './layout.js';
import { CallMixer, type MixerOptions, type MixerSource, type MixerTile } from './mixer.js';
import { StreamRecorder } from './recorder.js';

export interface RecordOptions extends MixerOptions {
  /** A MediaRecorder MIME type; by default the first of RECORDING_MIME_TYPES the browser supports. */
  mimeType?: string;
}

export type RoomRecordingEvents = {
  /** The recording stopped (`stop()`, or the room closed) and this is the file. */
  stopped: [Blob];
};

/** Room events after which the picture or the sound of the call may have changed. */
const SOURCE_EVENTS = ['peerJoined', 'peerLeft', 'peerUpdated', 'track', 'peerScreen', 'screenShare'] as const;
/** Tile ids of shared screens, apart from people's peer ids. */
const SCREEN_ID_PREFIX = 'screen:';

/**
 * A recording of a room in progress (`room.record()`): the mixed call going into MediaRecorder,
 * following joins and leaves, announced to everyone in `room.recording` until it stops.
 */
export class RoomRecording implements Subscribable<RoomRecordingEvents> {
  readonly mimeType: string;
  readonly startedAt: Date;
  /** A file name for it: `confab-<room>-<date>-<time>.webm`. */
  readonly fileName: string;
  private readonly emitter = new Emitter<RoomRecordingEvents>();
  private readonly mixer: CallMixer;
  private readonly recorder: StreamRecorder;
  private readonly offs: Unsubscribe[];
  private stopping: Promise<Blob> | undefined;
  /** Peer ids of the people sharing a screen, the newest share first (it is shown large). */
  private screenOrder: string[] = [];

  /** @internal Made by `room.record()`. */
  constructor(
    private readonly room: Room,
    options: RecordOptions,
  ) {
    if (room.recording.isRecording) throw new ConfabClientError('ALREADY_RECORDING');
    if (typeof MediaRecorder === 'undefined' || typeof AudioContext === 'undefined') throw new ConfabClientError('RECORDING_UNSUPPORTED');
    const mimeType = options.mimeType ?? pickMimeType((type) => MediaRecorder.isTypeSupported(type));
    if (!mimeType) throw new ConfabClientError('RECORDING_UNSUPPORTED');
    try {
      this.mixer = new CallMixer(options);
    } catch {
      throw new ConfabClientError('RECORDING_UNSUPPORTED');
    }
    this.update();
    try {
      this.recorder = new StreamRecorder(this.mixer.stream, mimeType);
    } catch {
      this.mixer.close();
      throw new ConfabClientError('RECORDING_UNSUPPORTED');
    }
    this.mimeType = mimeType;
    this.startedAt = new Date();
    this.fileName = recordingFileName(room.name, this.startedAt, mimeType);
    const update = () => this.update();
    this.offs = [...SOURCE_EVENTS.map((event) => room.on(event, update)), room.on('closed', () => void this.stop())];
    room.recording.announce(true, this);
  }

  /** Frames drawn into the recording so far (the canvas; the file may hold fewer if the encoder falls behind). */
  get framesDrawn(): number {
    return this.mixer.framesDrawn;
  }

  /** What the last frame showed: shared screens first (the first one large), then the people. */
  get tiles(): readonly MixerTile[] {
    return this.mixer.tiles;
  }

  /** Whether it is still recording. */
  get recording(): boolean {
    return this.stopping === undefined;
  }

  on<K extends keyof RoomRecordingEvents>(event: K, listener: Listener<RoomRecordingEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof RoomRecordingEvents>(event: K, listener: Listener<RoomRecordingEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof RoomRecordingEvents>(event: K, listener: Listener<RoomRecordingEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** What was recorded so far, at once: for a page being closed. The recording goes on. */
  snapshot(): Blob {
    return this.recorder.snapshot();
  }

  /** Stops recording, tells the others, and resolves with the file. Idempotent. */
  stop(): Promise<Blob> {
    if (this.stopping) return this.stopping;
    for (const off of this.offs) off();
    this.room.recording.announce(false, this);
    this.stopping = this.recorder.stop().then((blob) => {
      this.mixer.close();
      this.emitter.emit('stopped', blob);
      this.emitter.removeAllListeners();
      return blob;
    });
    return this.stopping;
  }

  private update(): void {
    this.mixer.setSources(this.people(), this.screens());
  }

  private screens(): MixerSource[] {
    const { room } = this;
    const shared = new Map<string, MixerSource>();
    const own = room.screenShare;
    if (own) shared.set(room.self.id, { id: SCREEN_ID_PREFIX + room.self.id, name: room.self.name, stream: own, video: true });
    for (const [peerId, stream] of room.screens) {
      const name = room.peers.get(peerId)?.name ?? '';
      shared.set(peerId, { id: SCREEN_ID_PREFIX + peerId, name, stream, video: true });
    }
    this.screenOrder = orderScreens(this.screenOrder, [...shared.keys()]);
    return this.screenOrder.map((id) => shared.get(id)).filter((source) => source !== undefined);
  }

  private people(): MixerSource[] {
    const { room } = this;
    const self: MixerSource = {
      id: room.self.id,
      name: room.self.name,
      stream: room.localStream,
      video: (room.localStream?.getVideoTracks().length ?? 0) > 0,
    };
    const others = [...room.peers.values()].map((peer) => ({ id: peer.id, name: peer.name, stream: peer.stream, video: peer.media.video }));
    return [self, ...others];
  }
}

/** @internal `room.record()`. */
export function recordRoom(room: Room, options: RecordOptions): RoomRecording {
  return new RoomRecording(room, options);
}
