import { describe, expect, it } from 'vitest';
import { hasTurnServer, loadRelayOnly, RELAY_ONLY_STORAGE_KEY, saveRelayOnly, type SettingStorage } from './relay-only.js';

function memoryStorage(): SettingStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('relay-only setting', () => {
  it('is off until turned on, and remembered', () => {
    const storage = memoryStorage();
    expect(loadRelayOnly(storage)).toBe(false);
    saveRelayOnly(true, storage);
    expect(storage.data.get(RELAY_ONLY_STORAGE_KEY)).toBe('1');
    expect(loadRelayOnly(storage)).toBe(true);
    saveRelayOnly(false, storage);
    expect(loadRelayOnly(storage)).toBe(false);
  });

  it('survives storage that throws or is missing', () => {
    const broken: SettingStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    expect(loadRelayOnly(broken)).toBe(false);
    expect(() => saveRelayOnly(true, broken)).not.toThrow();
    expect(loadRelayOnly(undefined)).toBe(false);
  });
});

describe('hasTurnServer', () => {
  it('looks for turn: or turns: URLs', () => {
    expect(hasTurnServer([])).toBe(false);
    expect(hasTurnServer([{ urls: 'stun:s:3478' }])).toBe(false);
    expect(hasTurnServer([{ urls: ['stun:s:3478'] }, { urls: ['turns:t:5349'], username: 'u', credential: 'c' }])).toBe(true);
    expect(hasTurnServer([{ urls: 'turn:t:3478?transport=udp' }])).toBe(true);
  });
});
