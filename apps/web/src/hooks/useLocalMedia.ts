import { useEffect, useState, useSyncExternalStore } from 'react';
import { LocalMedia, type LocalMediaState } from '../lib/local-media.js';

const IDLE: LocalMediaState = { status: 'idle' };
const subscribeNothing = () => () => {};
const getIdle = () => IDLE;

/**
 * The lobby's camera and microphone, stopped on unmount unless the stream was handed on with
 * `media.takeStream()` first. With `eager` capture starts on mount; otherwise on `media.start()`.
 */
export function useLocalMedia(eager: boolean): { media: LocalMedia | null; state: LocalMediaState } {
  const [media, setMedia] = useState<LocalMedia | null>(null);
  useEffect(() => {
    const next = new LocalMedia();
    if (eager) void next.start();
    setMedia(next);
    return () => next.stop();
  }, [eager]);
  const state = useSyncExternalStore(media?.subscribe ?? subscribeNothing, media?.getSnapshot ?? getIdle);
  return { media, state };
}
