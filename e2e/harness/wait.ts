/** Polling with a deadline, for conditions outside the test's control (a browser, a child process). */

export const DEFAULT_POLL_INTERVAL_MS = 100;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Describes what was awaited, for the error when the deadline passes. */
  what: string;
}

/**
 * Calls `probe` until it returns a value other than `undefined`, and returns that value. Past the
 * deadline it throws, naming `what` and the last probe's note (or error) so a failure explains itself.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs, intervalMs = DEFAULT_POLL_INTERVAL_MS, what }: PollOptions,
  describeLast: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const last = describeLast();
      const cause = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `; last seen: ${last}` : ''}${cause}`);
    }
    await sleep(intervalMs);
  }
}
