import type { DeviceKind } from '@confab/client';

/** Where the chosen camera, microphone and speaker are remembered, per browser. */
export const DEVICE_PREFERENCES_KEY = 'confab.devices';

export type DevicePreferences = Partial<Record<DeviceKind, string>>;

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // Storage blocked (private mode, sandboxed frame).
  }
}

/** The devices chosen last time; {} when none were, or storage is unavailable or garbled. */
export function loadDevicePreferences(storage: StorageLike | undefined = defaultStorage()): DevicePreferences {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(DEVICE_PREFERENCES_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const prefs: DevicePreferences = {};
    for (const kind of ['videoinput', 'audioinput', 'audiooutput'] as const) {
      const id = (parsed as Record<string, unknown>)[kind];
      if (typeof id === 'string' && id !== '') prefs[kind] = id;
    }
    return prefs;
  } catch {
    return {};
  }
}

/** Remembers `deviceId` as the choice for `kind`. */
export function saveDevicePreference(kind: DeviceKind, deviceId: string, storage: StorageLike | undefined = defaultStorage()): void {
  try {
    storage?.setItem(DEVICE_PREFERENCES_KEY, JSON.stringify({ ...loadDevicePreferences(storage), [kind]: deviceId }));
  } catch {
    // Not remembered, but still used for this visit.
  }
}

/**
 * Capture constraints that ask for the remembered device, exactly (Chromium does not always honour
 * an `ideal` device id); the caller falls back to the browser's choice when it is gone.
 */
export function withPreferredDevice(constraints: MediaTrackConstraints, deviceId: string | undefined): MediaTrackConstraints {
  if (!deviceId) return constraints;
  // A chosen camera replaces the "front camera" hint, which would fight it on phones.
  const { facingMode: _facingMode, ...rest } = constraints;
  return { ...rest, deviceId: { exact: deviceId } };
}
