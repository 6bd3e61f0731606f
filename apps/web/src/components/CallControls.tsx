import type { MediaState } from '@confab/client';
import { LeaveIcon } from './icons.js';
import { MediaToggles } from './MediaToggles.js';

export interface CallControlsProps {
  media: MediaState;
  canAudio: boolean;
  canVideo: boolean;
  onMediaChange: (media: MediaState) => void;
  onHangUp: () => void;
}

/** The controls of a direct call: the same toggles as a room, and Hang up. */
export function CallControls({ onHangUp, ...toggles }: CallControlsProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Call controls">
      <MediaToggles {...toggles} />
      <button type="button" className="pill danger" onClick={onHangUp}>
        <LeaveIcon />
        <span>Hang up</span>
      </button>
    </div>
  );
}
