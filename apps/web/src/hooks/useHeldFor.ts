import { useEffect, useState } from 'react';

/**
 * True once `condition` has held for `ms` without a break; false again as soon as it stops.
 * For notes that would only flash by when what they wait for comes quickly.
 */
export function useHeldFor(condition: boolean, ms: number): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!condition) {
      setHeld(false);
      return;
    }
    const timer = setTimeout(() => setHeld(true), ms);
    return () => clearTimeout(timer);
  }, [condition, ms]);
  return condition && held;
}
