import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `done` every POLL_MS until it is true; throws after `timeoutMs`. */
const POLL_MS = 10;

export async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(POLL_MS);
  }
}

export { sleep };
