import { DeviceSwitcher, EMPTY_DEVICES, type DeviceInfo, type DeviceList, type InputKind, type TrackTarget } from '@confab/client';
import { useCallback, useEffect, useState } from 'react';
import { AUDIO_CONSTRAINTS, VIDEO_CONSTRAINTS } from '../lib/media-streams.js';
import { loadDevicePreferences, saveDevicePreference } from '../lib/device-preferences.js';

/** Something to tell the person about their devices. */
export type DeviceNotice =
  | { kind: InputKind; what: 'switched'; device: DeviceInfo }
  | { kind: InputKind; what: 'lost' }
  | { kind: InputKind; what: 'failed' };

export interface DeviceControl {
  devices: DeviceList;
  /** The device each kind captures from now. */
  current: Partial<Record<InputKind, string>>;
  /** Switches to `deviceId` (and remembers it for next time). */
  use: (kind: InputKind, deviceId: string) => void;
  notice: DeviceNotice | null;
  dismiss: () => void;
}

function constraintsFor(kind: InputKind): MediaTrackConstraints {
  if (kind === 'audioinput') return AUDIO_CONSTRAINTS;
  // A chosen camera replaces the "front camera" hint.
  const { facingMode: _facingMode, ...video } = VIDEO_CONSTRAINTS;
  return video;
}

/**
 * Camera and microphone choice for `target` (the lobby's stream, or the call), with the SDK's
 * DeviceSwitcher: lists the devices, switches on request, and falls back (saying so) when the
 * device in use is unplugged. Null target: nothing to switch yet.
 */
export function useDeviceSwitcher(target: TrackTarget | null): DeviceControl {
  const [switcher, setSwitcher] = useState<DeviceSwitcher | null>(null);
  const [devices, setDevices] = useState<DeviceList>(EMPTY_DEVICES);
  const [current, setCurrent] = useState<Partial<Record<InputKind, string>>>({});
  const [notice, setNotice] = useState<DeviceNotice | null>(null);

  useEffect(() => {
    if (!target) return;
    const next = new DeviceSwitcher({
      target,
      preferred: (kind) => loadDevicePreferences()[kind],
      constraints: constraintsFor,
    });
    const readCurrent = () => {
      const now: Partial<Record<InputKind, string>> = {};
      for (const kind of ['videoinput', 'audioinput'] as const) {
        const id = next.current(kind);
        if (id) now[kind] = id;
      }
      setCurrent(now);
    };
    next.on('devices', (list) => {
      setDevices(list);
      readCurrent();
    });
    next.on('switched', (kind, device, reason) => {
      readCurrent();
      if (reason === 'chosen') saveDevicePreference(kind, device.deviceId);
      else setNotice({ kind, what: 'switched', device });
    });
    next.on('lost', (kind) => setNotice({ kind, what: 'lost' }));
    next.on('failed', (kind) => setNotice({ kind, what: 'failed' }));
    setSwitcher(next);
    readCurrent();
    return () => {
      next.close();
      setSwitcher(null);
    };
  }, [target]);

  const use = useCallback(
    (kind: InputKind, deviceId: string) => {
      setNotice(null);
      void switcher?.use(kind, deviceId);
    },
    [switcher],
  );
  const dismiss = useCallback(() => setNotice(null), []);
  return { devices, current, use, notice, dismiss };
}
