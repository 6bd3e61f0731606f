import type { MediaState } from '@confab/client';
import type { ReactNode } from 'react';
import { LeaveIcon, LinkIcon } from './icons.js';
import { MediaToggles } from './MediaToggles.js';

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

/** The controls of a room: the media toggles, extra controls, Copy link and Leave. */
export function Toolbar({ media, canAudio, canVideo, onMediaChange, onCopyLink, onLeave, leaving, extra }: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Call controls">
      <MediaToggles media={media} canAudio={canAudio} canVideo={canVideo} onMediaChange={onMediaChange} />
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
