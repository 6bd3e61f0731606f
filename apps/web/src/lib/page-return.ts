/** The events that mean "the page is back": shown again, restored, unfrozen, or back online. */
export const PAGE_RETURN_EVENTS = [
  { target: 'document', type: 'visibilitychange' },
  { target: 'document', type: 'resume' },
  { target: 'window', type: 'pageshow' },
  { target: 'window', type: 'online' },
] as const;

interface EventHost {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** Where the events come from: the page's document and window, or fakes in tests. */
export interface PageTargets {
  document: EventHost & { readonly visibilityState: DocumentVisibilityState };
  window: EventHost;
}

/**
 * Calls `onReturn` each time the page comes back to the person: visible again after being in the
 * background (a phone's home button, another tab), unfrozen (`resume`), restored (`pageshow`),
 * or `online` again. Calls made while the page is hidden are skipped. Returns the function that stops.
 */
export function onPageReturn(onReturn: () => void, targets: PageTargets = { document, window }): () => void {
  const listener = () => {
    if (targets.document.visibilityState === 'visible') onReturn();
  };
  for (const { target, type } of PAGE_RETURN_EVENTS) targets[target].addEventListener(type, listener);
  return () => {
    for (const { target, type } of PAGE_RETURN_EVENTS) targets[target].removeEventListener(type, listener);
  };
}

/** Plays again every `<video>` with a stream that the browser paused while the page was away. */
export function resumePausedVideos(root: Pick<Document, 'querySelectorAll'> = document): number {
  let resumed = 0;
  for (const video of root.querySelectorAll('video')) {
    if (video.srcObject && video.paused) {
      resumed++;
      void video.play().catch(() => {
        // Refused with sound: the tile's autoplay guard offers "Tap to unmute" on its own play.
      });
    }
  }
  return resumed;
}
