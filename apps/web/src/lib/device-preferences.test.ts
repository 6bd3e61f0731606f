import { describe, expect, it } from 'vitest';
import { DEVICE_PREFERENCES_KEY, loadDevicePreferences, saveDevicePreference, withPreferredDevice } from './device-preferences.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('device preferences', () => {
  it('remembers the chosen device per kind', () => {
    const storage = memoryStorage();
    saveDevicePreference('videoinput', 'cam-2', storage);
    saveDevicePreference('audiooutput', 'spk-1', storage);
    expect(loadDevicePreferences(storage)).toEqual({ videoinput: 'cam-2', audiooutput: 'spk-1' });
  });

  it('reads garbled or foreign storage as no choice', () => {
    expect(loadDevicePreferences(memoryStorage({ [DEVICE_PREFERENCES_KEY]: '{nope' }))).toEqual({});
    expect(loadDevicePreferences(memoryStorage({ [DEVICE_PREFERENCES_KEY]: '{"videoinput":3,"audioinput":"m"}' }))).toEqual({ audioinput: 'm' });
    expect(loadDevicePreferences(undefined)).toEqual({});
  });

  it('asks for the remembered camera exactly, without the front-camera hint', () => {
    expect(withPreferredDevice({ width: { ideal: 1280 }, facingMode: 'user' }, 'cam-2')).toEqual({ width: { ideal: 1280 }, deviceId: { exact: 'cam-2' } });
    expect(withPreferredDevice({ facingMode: 'user' }, undefined)).toEqual({ facingMode: 'user' });
  });
});
