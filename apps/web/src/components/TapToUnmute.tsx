import type { AutoplayGuard } from '../lib/autoplay-guard.js';
import { useT } from '../i18n/i18n-context.js';

/** Shown when the browser would only autoplay the call muted (iOS Safari): one tap brings the sound in. */
export function TapToUnmute({ guard }: { guard: AutoplayGuard }) {
  const t = useT();
  return (
    <button type="button" className="pill primary unmute" onClick={() => guard.unlock()}>
      {t('room.tapToUnmute')}
    </button>
  );
}
