/** Direct calls: `/call` is the directory; `/call/<name>` rings that person once you are online. */
export const CALL_PATH = '/call';

export interface CallRoute {
  /** The person to ring, from `/call/<name>`; null on `/call` itself. */
  target: string | null;
}

/** Which call page a path names, or null when it is not one. */
export function callRouteFromPath(pathname: string): CallRoute | null {
  if (pathname === CALL_PATH || pathname === `${CALL_PATH}/`) return { target: null };
  const match = /^\/call\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  let name: string;
  try {
    name = decodeURIComponent(match[1]);
  } catch {
    name = match[1];
  }
  name = name.trim();
  return { target: name === '' ? null : name };
}

/** The link that rings `name`: `https://host/call/<name>`. Names may hold any character, so it is escaped. */
export function callLink(origin: string, name: string): string {
  return `${origin}${CALL_PATH}/${encodeURIComponent(name)}`;
}
