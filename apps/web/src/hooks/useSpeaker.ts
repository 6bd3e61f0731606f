import { useEffect, useSyncExternalStore, type RefObject } from 'react';
import { applySpeaker, speaker } from '../lib/speaker.js';

/** The chosen speaker ('' for the system default). */
export function useSpeakerChoice(): string {
  return useSyncExternalStore(speaker.subscribe, speaker.getSnapshot);
}

/** Plays this element's sound through the chosen speaker, following later choices. */
export function useSpeaker(ref: RefObject<HTMLMediaElement | null>): void {
  const sinkId = useSpeakerChoice();
  useEffect(() => {
    if (ref.current) void applySpeaker(ref.current, sinkId);
  }, [ref, sinkId]);
}
