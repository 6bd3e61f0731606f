/** Signaling at the page's own origin: the Node server (and Vite's dev proxy) answer there. */
export const DEFAULT_SIGNALING_URL = '/ws';

/**
 * Where to signal. A static deployment whose signaling lives elsewhere (AWS: the web app on
 * S3/CloudFront, signaling on API Gateway) ships `/config.json` with `{ "signalingUrl": "wss://…" }`.
 * Anything else — no file (404 from the Node server), not JSON, no usable URL — means the default.
 */
export async function loadSignalingUrl(fetchFn: typeof fetch = fetch): Promise<string> {
  try {
    const res = await fetchFn('/config.json', { cache: 'no-store' });
    if (!res.ok) return DEFAULT_SIGNALING_URL;
    const body: unknown = await res.json();
    const url = typeof body === 'object' && body !== null ? (body as { signalingUrl?: unknown }).signalingUrl : undefined;
    return typeof url === 'string' && /^wss?:\/\//.test(url) ? url : DEFAULT_SIGNALING_URL;
  } catch {
    return DEFAULT_SIGNALING_URL;
  }
}
