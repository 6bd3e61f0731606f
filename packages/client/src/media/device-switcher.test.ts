import { describe, expect, it, vi } from 'vitest';
import { FakeMediaStream, FakeTrack } from '../../test/fake-rtc.js';
import { DeviceSwitcher } from './device-switcher.js';
import type { DeviceInfo } from './devices.js';

/** A camera track that knows its device, as getSettings() reports it. */
class DeviceTrack extends FakeTrack {
  constructor(
    kind: 'audio' | 'video',
    readonly deviceId: string,
  ) {
    super(kind);
  }
  getSettings(): { deviceId: string } {
    return { deviceId: this.deviceId };
  }
  addEventListener(): void {}
  removeEventListener(): void {}
}

/** navigator.mediaDevices with devices that can be plugged in and out. */
class FakeMediaDevices extends EventTarget {
  devices: DeviceInfo[] = [];
  opened: string[] = [];
  busy = new Set<string>();
  async enumerateDevices(): Promise<DeviceInfo[]> {
    return this.devices;
  }
  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    const video = typeof constraints.video === 'object';
    const wanted = ((video ? constraints.video : constraints.audio) as MediaTrackConstraints).deviceId as { exact: string };
    if (this.busy.has(wanted.exact)) throw new DOMException('busy', 'NotReadableError');
    this.opened.push(wanted.exact);
    return new FakeMediaStream([new DeviceTrack(video ? 'video' : 'audio', wanted.exact)]) as unknown as MediaStream;
  }
  unplug(deviceId: string): void {
    this.devices = this.devices.filter((d) => d.deviceId !== deviceId);
    this.dispatchEvent(new Event('devicechange'));
  }
}

const camera = (deviceId: string): DeviceInfo => ({ kind: 'videoinput', deviceId, groupId: deviceId, label: `Camera ${deviceId}` });

function setup(current = 'a') {
  const mediaDevices = new FakeMediaDevices();
  mediaDevices.devices = [camera('a'), camera('b'), camera('c')];
  const stream = new FakeMediaStream([new DeviceTrack('video', current)]);
  const replaced: MediaStreamTrack[] = [];
  const switcher = new DeviceSwitcher({
    target: {
      stream: stream as unknown as MediaStream,
      replace: async (track) => {
        replaced.push(track);
        stream.removeTrack(stream.getVideoTracks()[0] as FakeTrack);
        stream.addTrack(track as unknown as FakeTrack);
      },
    },
    preferred: () => 'c',
    mediaDevices: mediaDevices as unknown as MediaDevices,
  });
  return { mediaDevices, stream, replaced, switcher };
}

describe('DeviceSwitcher', () => {
  it('switches to the chosen camera and says so', async () => {
    const { switcher, replaced } = setup();
    const switched = vi.fn();
    switcher.on('switched', switched);
    expect(await switcher.use('videoinput', 'b')).toBe(true);
    expect(switcher.current('videoinput')).toBe('b');
    expect(replaced).toHaveLength(1);
    expect(switched).toHaveBeenCalledWith('videoinput', camera('b'), 'chosen');
  });

  it('when the camera in use is unplugged, moves to the remembered one', async () => {
    const { switcher, mediaDevices } = setup();
    await switcher.refresh();
    const switched = new Promise((resolve) => switcher.on('switched', (...args) => resolve(args)));
    mediaDevices.unplug('a');
    expect(await switched).toEqual(['videoinput', camera('c'), 'disconnected']);
  });

  it('says the camera is lost when none is left', async () => {
    const { switcher, mediaDevices } = setup();
    mediaDevices.devices = [camera('a')];
    await switcher.refresh();
    const lost = new Promise((resolve) => switcher.on('lost', resolve));
    mediaDevices.unplug('a');
    expect(await lost).toBe('videoinput');
  });

  it('lets go of a camera that cannot be open twice, and keeps it when the new one fails', async () => {
    const { switcher, mediaDevices, stream } = setup();
    mediaDevices.busy.add('b');
    const failed = vi.fn();
    switcher.on('failed', failed);
    expect(await switcher.use('videoinput', 'b')).toBe(false);
    expect(failed).toHaveBeenCalledOnce();
    expect(stream.getVideoTracks()).toHaveLength(1);
  });
});
