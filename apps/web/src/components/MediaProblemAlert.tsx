import type { MediaProblem } from '../lib/media-errors.js';

export interface MediaProblemAlertProps {
  problem: MediaProblem;
  busy: boolean;
  onAudioOnly: () => void;
  onNoMedia: () => void;
}

/** The camera could not start: say why in plain words and offer the ways in that still work. */
export function MediaProblemAlert({ problem, busy, onAudioOnly, onNoMedia }: MediaProblemAlertProps) {
  return (
    <div className="media-problem">
      <p role="alert">{problem.message}</p>
      <div className="media-problem-actions">
        {problem.kind !== 'insecure' && (
          <button type="button" className="pill" onClick={onAudioOnly} disabled={busy}>
            Join with audio only
          </button>
        )}
        <button type="button" className="pill" onClick={onNoMedia} disabled={busy}>
          Join without camera or microphone
        </button>
      </div>
    </div>
  );
}
