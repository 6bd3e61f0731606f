import type { MediaState } from '@confab/client';
import type { ReactNode } from 'react';
import { CameraIcon, CameraOffIcon, LeaveIcon, LinkIcon, MicIcon, MicOffIcon } from './icons.js';

export interface ToolbarProps {
  media: MediaState;
  /** Whether there is a microphone / camera track to switch at all. */
  canAudio: boolean;
  canVideo: boolean;
  onMediaChange: (media: MediaState) => void;
  onCopyLink: () => void;
  onLeave: () => void;
  leaving: boolean;
  /** More controls, before Copy link (the Chat toggle). */
  extra?: ReactNode;
}

/**
 * The call controls. Toggles say what they will do ("Mute microphone") and are pressed while the
 * device is off, so the label and the pressed state read together.
 */
export function Toolbar({ media, canAudio, canVideo, onMediaChange, onCopyLink, onLeave, leaving, extra }: ToolbarProps) {
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
      {extra}
      <button type="button" className="pill" onClick={onCopyLink}>
        <LinkIcon />
        <span>Copy link</span>
      </button>
      <button type="button" className="pill danger" onClick={onLeave} disabled={leaving}>
        <LeaveIcon />
        <span>Leave</span>
      </button>
    </div>
  );
}
