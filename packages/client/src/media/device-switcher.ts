import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import { EMPTY_DEVICES, listDevices, onDeviceChange, pickDevice, trackDeviceId, type DeviceInfo, type DeviceList, type InputKind } from './devices.js';

const TRACK_KIND: Record<InputKind, 'audio' | 'video'> = { audioinput: 'audio', videoinput: 'video' };

/** Where a new camera or microphone track goes: a lobby preview stream, or a room (`room.replaceLocalTrack`). */
export interface TrackTarget {
  /** The stream whose tracks are switched (read for the current track of each kind). */
  readonly stream: MediaStream | null;
  /** Puts the track in place of the current one of its kind (and stops the old one). */
  replace(track: MediaStreamTrack): Promise<void>;
}

export type SwitchReason = 'chosen' | 'disconnected';

export type DeviceSwitcherEvents = {
  /** The list of devices changed (plugged in or out, or names known after permission). */
  devices: [DeviceList];
  /** A camera or microphone is in use: chosen by the person, or the fallback after the one in use went away. */
  switched: [InputKind, DeviceInfo, SwitchReason];
  /** The device in use went away and there is no other of that kind. */
  lost: [InputKind];
  /** Opening a device failed (busy, gone); the previous one stays in use. */
  failed: [InputKind, unknown];
};

export interface DeviceSwitcherOptions {
  target: TrackTarget;
  /** The device chosen last time, tried first when the one in use goes away. */
  preferred?: (kind: InputKind) => string | undefined;
  /** Constraints besides the device id (echo cancellation, resolution). */
  constraints?: (kind: InputKind) => MediaTrackConstraints;
  /** For tests; default `navigator.mediaDevices`. */
  mediaDevices?: Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'> & EventTarget;
}

/**
 * Switches cameras and microphones, and notices when the one in use goes away: on
 * `devicechange` (or the track ending) it moves to the preferred device, else the default,
 * else the first, and says so (`switched` with `disconnected`, or `lost`).
 */
export class DeviceSwitcher implements Subscribable<DeviceSwitcherEvents> {
  private readonly emitter = new Emitter<DeviceSwitcherEvents>();
  private list: DeviceList = EMPTY_DEVICES;
  private readonly offChange: () => void;
  private readonly endedOffs = new Map<MediaStreamTrack, () => void>();
  private busy: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: DeviceSwitcherOptions) {
    this.offChange = onDeviceChange(() => void this.refresh(), options.mediaDevices ?? navigator.mediaDevices);
    this.watchTracks();
    void this.refresh();
  }

  get devices(): DeviceList {
    return this.list;
  }

  /** The device the current track of `kind` captures from. */
  current(kind: InputKind): string | undefined {
    return trackDeviceId(this.trackOf(kind));
  }

  on<K extends keyof DeviceSwitcherEvents>(event: K, listener: Listener<DeviceSwitcherEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof DeviceSwitcherEvents>(event: K, listener: Listener<DeviceSwitcherEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof DeviceSwitcherEvents>(event: K, listener: Listener<DeviceSwitcherEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** Reads the device list again, and moves off a device in use that went away. */
  refresh(): Promise<void> {
    return this.serial(async () => {
      this.list = await listDevices(this.options.mediaDevices ?? navigator.mediaDevices);
      if (this.closed) return;
      this.emitter.emit('devices', this.list);
      for (const kind of ['videoinput', 'audioinput'] as const) await this.checkGone(kind);
    });
  }

  /** Uses device `deviceId` for `kind`. Resolves false when it could not be opened (`failed` says why). */
  use(kind: InputKind, deviceId: string): Promise<boolean> {
    let ok = false;
    return this.serial(async () => {
      if (this.current(kind) === deviceId && this.trackOf(kind)?.readyState === 'live') {
        ok = true;
        return;
      }
      ok = await this.switchTo(kind, deviceId, 'chosen');
    }).then(() => ok);
  }

  close(): void {
    this.closed = true;
    this.offChange();
    for (const off of this.endedOffs.values()) off();
    this.endedOffs.clear();
    this.emitter.removeAllListeners();
  }

  private async checkGone(kind: InputKind): Promise<void> {
    const track = this.trackOf(kind);
    if (!track) return;
    const inUse = trackDeviceId(track);
    const present = this.list[kind].some((d) => d.deviceId === inUse);
    // Having a track means permission was given, so the list carries real ids.
    if (track.readyState === 'live' && (present || inUse === undefined)) return;
    const fallback = pickDevice(this.list, kind, this.options.preferred?.(kind), inUse);
    if (!fallback) {
      this.emitter.emit('lost', kind);
      return;
    }
    await this.switchTo(kind, fallback.deviceId, 'disconnected');
  }

  private async switchTo(kind: InputKind, deviceId: string, reason: SwitchReason): Promise<boolean> {
    const previous = this.trackOf(kind);
    let track: MediaStreamTrack | undefined;
    try {
      track = await this.capture(kind, deviceId);
    } catch (err) {
      // Some cameras cannot be open twice (phones, some drivers): let go of the old one and retry.
      if (!previous || previous.readyState !== 'live') {
        this.emitter.emit('failed', kind, err);
        return false;
      }
      previous.stop();
      try {
        track = await this.capture(kind, deviceId);
      } catch (retryErr) {
        this.emitter.emit('failed', kind, retryErr);
        return false;
      }
    }
    if (this.closed) {
      track.stop();
      return false;
    }
    await this.options.target.replace(track);
    this.watchTracks();
    const device = this.list[kind].find((d) => d.deviceId === deviceId) ?? { deviceId, groupId: '', kind, label: track.label };
    this.emitter.emit('switched', kind, device, reason);
    return true;
  }

  private async capture(kind: InputKind, deviceId: string): Promise<MediaStreamTrack> {
    const mediaDevices = this.options.mediaDevices ?? navigator.mediaDevices;
    const constraints: MediaTrackConstraints = { ...this.options.constraints?.(kind), deviceId: { exact: deviceId } };
    const stream = await mediaDevices.getUserMedia(kind === 'videoinput' ? { video: constraints } : { audio: constraints });
    const track = stream.getTracks()[0];
    if (!track) throw new DOMException('No track from the device.', 'NotFoundError');
    return track;
  }

  private trackOf(kind: InputKind): MediaStreamTrack | undefined {
    return this.options.target.stream?.getTracks().find((t) => t.kind === TRACK_KIND[kind]);
  }

  /** A track that ends by itself (unplugged) is noticed even where `devicechange` is late. */
  private watchTracks(): void {
    for (const [track, off] of this.endedOffs) {
      if (track.readyState === 'ended') {
        off();
        this.endedOffs.delete(track);
      }
    }
    for (const track of this.options.target.stream?.getTracks() ?? []) {
      if (this.endedOffs.has(track)) continue;
      const onEnded = () => void this.refresh();
      track.addEventListener('ended', onEnded);
      this.endedOffs.set(track, () => track.removeEventListener('ended', onEnded));
    }
  }

  private serial(step: () => Promise<void>): Promise<void> {
    const next = this.busy.then(() => (this.closed ? undefined : step()));
    this.busy = next.catch(() => {});
    return next;
  }
}
