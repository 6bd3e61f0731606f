import type { MediaState } from '@confab/client';
import { KeyboardIcon, LeaveIcon } from './icons.js';
import { MediaToggles } from './MediaToggles.js';
import { useT } from '../i18n/i18n-context.js';

export interface CallControlsProps {
  media: MediaState;
  canAudio: boolean;
  canVideo: boolean;
  onMediaChange: (media: MediaState) => void;
  onHangUp: () => void;
  /** Opens the list of keyboard shortcuts. */
  onShortcuts?: () => void;
}

/** The controls of a direct call: the same toggles as a room, and Hang up. */
export function CallControls({ onHangUp, onShortcuts, ...toggles }: CallControlsProps) {
  const t = useT();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <MediaToggles {...toggles} />
      {onShortcuts && (
        <button type="button" className="round" aria-label={t('toolbar.shortcuts')} title={t('toolbar.withShortcut', { label: t('toolbar.shortcuts'), key: '?' })} aria-haspopup="dialog" onClick={onShortcuts}>
          <KeyboardIcon />
        </button>
      )}
      <button type="button" className="pill danger" onClick={onHangUp}>
        <LeaveIcon />
        <span>{t('toolbar.hangUp')}</span>
      </button>
    </div>
  );
}
