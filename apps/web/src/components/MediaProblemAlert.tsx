import type { MediaProblem } from '../lib/media-errors.js';
import { useT } from '../i18n/i18n-context.js';

export interface MediaProblemAlertProps {
  problem: MediaProblem;
  busy: boolean;
  onAudioOnly: () => void;
  onNoMedia: () => void;
}

/** The camera could not start: say why in plain words and offer the ways in that still work. */
export function MediaProblemAlert({ problem, busy, onAudioOnly, onNoMedia }: MediaProblemAlertProps) {
  const t = useT();
  return (
    <div className="media-problem">
      <p role="alert">{t(problem.message.key, problem.message.params)}</p>
      <div className="media-problem-actions">
        {problem.kind !== 'insecure' && (
          <button type="button" className="pill" onClick={onAudioOnly} disabled={busy}>
            {t('lobby.joinAudioOnly')}
          </button>
        )}
        <button type="button" className="pill" onClick={onNoMedia} disabled={busy}>
          {t('lobby.joinWithoutMedia')}
        </button>
      </div>
    </div>
  );
}
