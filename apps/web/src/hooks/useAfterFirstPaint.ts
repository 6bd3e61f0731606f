import { useEffect, useState } from 'react';

/**
 * A page that is not being painted (a background tab) runs no animation frames: past this, what
 * was put off renders anyway.
 */
export const FIRST_PAINT_FALLBACK_MS = 250;

/**
 * False on the first render and until the browser has painted it, then true (one frame later).
 * A view puts off with it what is not needed at once, so that its first paint comes sooner: the
 * room shows the videos first and its toolbar, chat and dialogs a frame later, since the first
 * remote frame of a join waits for the page's main thread (docs/join-latency.md).
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const done = () => setPainted(true);
    // The first callback runs before the first paint, the second one after it.
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(done);
    });
    const fallback = setTimeout(done, FIRST_PAINT_FALLBACK_MS);
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
      clearTimeout(fallback);
    };
  }, []);
  return painted;
}
