import type { MediaState } from '@confab/client';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from './icons.js';

export interface MediaTogglesProps {
  media: MediaState;
  /** Whether there is a microphone / camera track to switch at all. */
  canAudio: boolean;
  canVideo: boolean;
  onMediaChange: (media: MediaState) => void;
}

/**
 * The microphone and camera toggles of rooms and direct calls. They say what they will do
 * ("Mute microphone") and are pressed while the device is off, so label and state read together.
 */
export function MediaToggles({ media, canAudio, canVideo, onMediaChange }: MediaTogglesProps) {
  const micLabel = media.audio ? 'Mute microphone' : 'Unmute microphone';
  const cameraLabel = media.video ? 'Turn camera off' : 'Turn camera on';
  return (
    <>
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
    </>
  );
}
