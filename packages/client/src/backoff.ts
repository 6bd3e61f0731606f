/** The ceiling of the first backoff window after the immediate retry; each later window doubles. */
export const RECONNECT_BASE_DELAY_MS = 500;
/** No reconnect attempt waits longer than this, however many have failed. */
export const RECONNECT_MAX_DELAY_MS = 7_000;

/**
 * How long to wait before reconnect attempt `attempt` (0-based), with "full jitter": the first
 * retry goes at once (a blip, a server that just restarted); attempt n ≥ 1 waits a uniformly
 * random time in [0, min(RECONNECT_MAX_DELAY_MS, RECONNECT_BASE_DELAY_MS × 2^(n-1))). Spreading
 * retries over the whole window keeps a restarted server from being hit by every client at once.
 * `random` returns a number in [0, 1), like Math.random.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0;
  const window = Math.min(RECONNECT_MAX_DELAY_MS, RECONNECT_BASE_DELAY_MS * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * window);
}
