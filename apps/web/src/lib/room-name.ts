import { ROOM_NAME_MAX, ROOM_NAME_PATTERN } from '@confab/protocol';

/**
 * Room names appear in links (`/r/<room>`), so they hold only letters, digits, "-" and "_"
 * (1–64 characters). Case is kept: the link is the room, and "Team" is not "team".
 */
export function isValidRoomName(name: string): boolean {
  return name.length > 0 && name.length <= ROOM_NAME_MAX && ROOM_NAME_PATTERN.test(name);
}

/**
 * What the Room box shows while someone types: accents dropped ("Café" → "Cafe"), every run of
 * other characters turned into one "-". A trailing "-" stays so "my-" can become "my-room".
 */
export function normalizeRoomInput(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, ROOM_NAME_MAX);
}

/** The room name to join for what was typed: "My room!" → "My-room". Empty when nothing usable is left. */
export function slugifyRoomName(text: string): string {
  return normalizeRoomInput(text).replace(/-+$/, '');
}
