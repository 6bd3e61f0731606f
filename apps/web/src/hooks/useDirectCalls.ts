import { useEffect, useState, useSyncExternalStore } from 'react';
import { DirectCalls, OFFLINE_STATE, type DirectCallsState } from '../lib/direct-calls.js';
import { captureMedia, stopStream } from '../lib/media-streams.js';
import type { Connection } from './connection-context.js';

const subscribeNothing = () => () => {};
const getOffline = () => OFFLINE_STATE;

/** Camera and microphone for a call; a call goes on without them when they cannot be had. */
async function captureForCall(): Promise<MediaStream | null> {
  try {
    return await captureMedia('camera-and-microphone');
  } catch (err) {
    console.warn('[confab-web] no camera or microphone for the call:', err);
    return null;
  }
}

/**
 * The direct-calls store for this page, made in an effect (so StrictMode's remount cannot leak
 * one) and closed on unmount: offline, call ended, camera off. Null during the first render.
 */
export function useDirectCalls(connection: Connection): { calls: DirectCalls | null; state: DirectCallsState } {
  const [calls, setCalls] = useState<DirectCalls | null>(null);
  useEffect(() => {
    const next = new DirectCalls({ client: () => connection.start(), capture: captureForCall, stopStream });
    setCalls(next);
    return () => next.close();
  }, [connection]);
  const state = useSyncExternalStore(calls?.subscribe ?? subscribeNothing, calls?.getSnapshot ?? getOffline);
  return { calls, state };
}
