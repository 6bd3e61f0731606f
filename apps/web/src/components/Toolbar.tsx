import type { MediaState } from '@confab/client';
import type { ReactNode } from 'react';
import { KeyboardIcon, LeaveIcon, LinkIcon } from './icons.js';
import { MediaToggles } from './MediaToggles.js';
import { useT } from '../i18n/i18n-context.js';

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
  /** Opens the list of keyboard shortcuts. */
  onShortcuts?: () => void;
}

/** The controls of a room: the media toggles, extra controls, Copy link and Leave. */
export function Toolbar({ media, canAudio, canVideo, onMediaChange, onCopyLink, onLeave, leaving, extra, onShortcuts }: ToolbarProps) {
  const t = useT();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <MediaToggles media={media} canAudio={canAudio} canVideo={canVideo} onMediaChange={onMediaChange} />
      {extra}
      <button type="button" className="pill" onClick={onCopyLink}>
        <LinkIcon />
        <span>{t('toolbar.copyLink')}</span>
      </button>
      {onShortcuts && (
        <button type="button" className="round" aria-label={t('toolbar.shortcuts')} title={t('toolbar.withShortcut', { label: t('toolbar.shortcuts'), key: '?' })} aria-haspopup="dialog" onClick={onShortcuts}>
          <KeyboardIcon />
        </button>
      )}
      <button type="button" className="pill danger" onClick={onLeave} disabled={leaving}>
        <LeaveIcon />
        <span>{t('toolbar.leave')}</span>
      </button>
    </div>
  );
}
