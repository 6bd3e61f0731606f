import type { MediaState } from '@confab/client';
import { CameraIcon, CameraOffIcon, LeaveIcon, MicIcon, MicOffIcon } from './icons.js';

export interface CallControlsProps {
  media: MediaState;
  canAudio: boolean;
  canVideo: boolean;
  onMediaChange: (media: MediaState) => void;
  onHangUp: () => void;
}

/** The controls of a direct call: the same toggles as a room, and Hang up. */
export function CallControls({ media, canAudio, canVideo, onMediaChange, onHangUp }: CallControlsProps) {
  const micLabel = media.audio ? 'Mute microphone' : 'Unmute microphone';
  const cameraLabel = media.video ? 'Turn camera off' : 'Turn camera on';
  return (
    <div className="toolbar" role="toolbar" aria-label="Call controls">
      <button
        type="button"
        className="round"
        aria-label={micLabel}
        title={canAudio ? micLabel : 'No microphone'}
        aria-pressed={!media.audio}
        disabled={!canAudio}
        onClick={() => onMediaChange({ ...media, audio: !media.audio })}
      >
        {media.audio ? <MicIcon /> : <MicOffIcon />}
      </button>
      <button
        type="button"
        className="round"
        aria-label={cameraLabel}
        title={canVideo ? cameraLabel : 'No camera'}
        aria-pressed={!media.video}
        disabled={!canVideo}
        onClick={() => onMediaChange({ ...media, video: !media.video })}
      >
        {media.video ? <CameraIcon /> : <CameraOffIcon />}
      </button>
      <button type="button" className="pill danger" onClick={onHangUp}>
        <LeaveIcon />
        <span>Hang up</span>
      </button>
    </div>
  );
}
