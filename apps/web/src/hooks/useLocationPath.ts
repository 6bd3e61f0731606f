import { useSyncExternalStore } from 'react';
import { subscribeToLocation } from '../lib/navigation.js';

const getPath = () => location.pathname;

/** The address bar's path, updated on Back/Forward and on `navigate()`. */
export function useLocationPath(): string {
  return useSyncExternalStore(subscribeToLocation, getPath);
}
