/**
 * The "Hide my IP address (relay only)" setting: when on, every connection goes through the TURN
 * relay (iceTransportPolicy `relay`), so the others see the relay's address, never yours.
 * Remembered in localStorage.
 */

export const RELAY_ONLY_STORAGE_KEY = 'confab:relay-only';

/** The part of `Storage` the setting needs, so tests can pass a Map-backed fake. */
export type SettingStorage = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): SettingStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadRelayOnly(storage: SettingStorage | undefined = defaultStorage()): boolean {
  try {
    return storage?.getItem(RELAY_ONLY_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

export function saveRelayOnly(on: boolean, storage: SettingStorage | undefined = defaultStorage()): void {
  try {
    storage?.setItem(RELAY_ONLY_STORAGE_KEY, on ? '1' : '0');
  } catch {
    // Full or blocked storage: the setting then lasts for this page only.
  }
}

/** Whether the server offers a TURN relay at all: without one, relay only could connect nobody. */
export function hasTurnServer(iceServers: readonly RTCIceServer[]): boolean {
  return iceServers.some((server) => urlsOf(server).some((url) => /^turns?:/i.test(url)));
}

export function urlsOf(server: RTCIceServer): string[] {
  return typeof server.urls === 'string' ? [server.urls] : [...server.urls];
}
