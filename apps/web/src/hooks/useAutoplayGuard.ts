import { useState, useSyncExternalStore } from 'react';
import { AutoplayGuard } from '../lib/autoplay-guard.js';

/** One AutoplayGuard for the room view, and whether it is holding sound back ("Tap to unmute"). */
export function useAutoplayGuard(): { guard: AutoplayGuard; blocked: boolean } {
  const [guard] = useState(() => new AutoplayGuard());
  const blocked = useSyncExternalStore(guard.subscribe, guard.getSnapshot);
  return { guard, blocked };
}
