import { ConfabError } from '@confab/client';

/**
 * The lobby's prepared join (docs/join-latency.md): what the lobby shows of it, and when it asks.
 * `prepared`: the connections to the room are being set up, Join only starts the media; `full`:
 * the room is full (said before the click); `off`: not prepared (the server will not, the password
 * is missing or wrong, …): Join goes the ordinary way and reports any problem itself.
 */
export type PrepareStatus = 'idle' | 'preparing' | 'prepared' | 'full' | 'off';

/** Field changes settle this long before the lobby prepares (typing a room name). */
export const PREPARE_DEBOUNCE_MS = 400;

/** The status a refused `prepare()` leaves the lobby in. */
export function prepareFailure(err: unknown): PrepareStatus {
  return err instanceof ConfabError && err.code === 'ROOM_FULL' ? 'full' : 'off';
}
