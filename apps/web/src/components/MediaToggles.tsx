import type { MediaState } from '@confab/client';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from './icons.js';
import { useT } from '../i18n/i18n-context.js';

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
  const t = useT();
  const micLabel = media.audio ? t('toolbar.mute') : t('toolbar.unmute');
  const cameraLabel = media.video ? t('toolbar.cameraOff') : t('toolbar.cameraOn');
  return (
    <>
      <button
        type="button"
        className="round"
        aria-label={micLabel}
        title={canAudio ? t('toolbar.withShortcut', { label: micLabel, key: 'M' }) : t('toolbar.noMicrophone')}
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
        title={canVideo ? t('toolbar.withShortcut', { label: cameraLabel, key: 'V' }) : t('toolbar.noCamera')}
        aria-pressed={!media.video}
        disabled={!canVideo}
        onClick={() => onMediaChange({ ...media, video: !media.video })}
      >
        {media.video ? <CameraIcon /> : <CameraOffIcon />}
      </button>
    </>
  );
}
