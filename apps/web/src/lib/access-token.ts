/** Where the token from the link is kept for the tab, so moving around the app keeps it. */
const STORAGE_KEY = 'confab.token';

/**
 * The access token for servers that require one (AUTH_SECRET / AUTH_JWKS_URL). Operators hand
 * out links like `/r/standup#token=<jwt>`: the fragment never reaches the server's logs. The
 * token is taken out of the address bar and kept in sessionStorage for this tab.
 */
export function accessToken(loc: Pick<Location, 'hash' | 'pathname' | 'search'> = location, storage: Storage | undefined = safeSessionStorage()): string | undefined {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token') ?? undefined;
  if (fromHash) {
    storage?.setItem(STORAGE_KEY, fromHash);
    if (typeof history !== 'undefined') history.replaceState(history.state, '', `${loc.pathname}${loc.search}`);
    return fromHash;
  }
  return storage?.getItem(STORAGE_KEY) ?? undefined;
}

function safeSessionStorage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
