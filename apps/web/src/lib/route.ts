import { isValidRoomName, slugifyRoomName } from './room-name.js';

/** Which room a path names: `/r/<room>` → that room; anything else → none (the lobby picks one). */
export function roomFromPath(pathname: string): string | null {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  let raw: string;
  try {
    raw = decodeURIComponent(match[1]);
  } catch {
    raw = match[1];
  }
  if (isValidRoomName(raw)) return raw;
  const slug = slugifyRoomName(raw);
  return slug === '' ? null : slug;
}

/** The path of a room's page. Room names are URL-safe, so no escaping is needed. */
export function roomPath(room: string): string {
  return `/r/${room}`;
}

/** The link to share for a room: `https://host/r/<room>`. */
export function roomLink(origin: string, room: string): string {
  return `${origin}${roomPath(room)}`;
}

/** The connectivity check page. */
export const CHECK_PATH = '/check';

export function isCheckPath(pathname: string): boolean {
  return pathname === CHECK_PATH || pathname === `${CHECK_PATH}/`;
}
