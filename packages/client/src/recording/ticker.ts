/** A tick closer than this share of the interval to the previous one is skipped (two clocks feed it). */
const MIN_TICK_SHARE = 0.8;

/**
 * Calls `onTick` about every `intervalMs`. The page's own timers are throttled in a background tab
 * (once a second, and after minutes once a minute in Chromium), a Web Worker's much less, and a
 * recording must keep its frame rate when its tab is not in front: so a tiny worker ticks too,
 * where the page allows one. A page whose Content-Security-Policy refuses blob: workers (Confab's
 * own server does: allowing it stalled recording pages in the e2e run, not yet understood) keeps
 * the page timer alone. Ticks from
 * both clocks are merged so `onTick` never runs faster than the interval. Returns the function
 * that stops it.
 */
export function startTicker(intervalMs: number, onTick: () => void, now: () => number = () => performance.now()): () => void {
  let last = Number.NEGATIVE_INFINITY;
  const tick = () => {
    const time = now();
    if (time - last < intervalMs * MIN_TICK_SHARE) return;
    last = time;
    onTick();
  };
  const timer = setInterval(tick, intervalMs);
  const worker = tickWorker(intervalMs, tick);
  return () => {
    clearInterval(timer);
    worker?.terminate();
  };
}

function tickWorker(intervalMs: number, tick: () => void): Worker | undefined {
  if (typeof Worker !== 'function' || typeof URL.createObjectURL !== 'function') return undefined;
  let url: string | undefined;
  try {
    url = URL.createObjectURL(new Blob([`setInterval(() => postMessage(0), ${Number(intervalMs)});`], { type: 'text/javascript' }));
    const worker = new Worker(url);
    worker.addEventListener('message', tick);
    // Refused by a CSP (reported as an error event, not thrown): the page timer goes on alone.
    worker.addEventListener('error', () => worker.terminate());
    return worker;
  } catch {
    return undefined;
  } finally {
    if (url) URL.revokeObjectURL(url);
  }
}
