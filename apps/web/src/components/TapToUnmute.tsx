import type { AutoplayGuard } from '../lib/autoplay-guard.js';

/** Shown when the browser would only autoplay the call muted (iOS Safari): one tap brings the sound in. */
export function TapToUnmute({ guard }: { guard: AutoplayGuard }) {
  return (
    <button type="button" className="pill primary unmute" onClick={() => guard.unlock()}>
      Tap to unmute
    </button>
  );
}
