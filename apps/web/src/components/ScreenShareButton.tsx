import type { ScreenShareControl } from '../hooks/useScreenShare.js';
import { useT } from '../i18n/i18n-context.js';
import { ShareScreenIcon, StopShareIcon } from './share-icons.js';

/** The toolbar's Share screen / Stop sharing button; hidden where the browser cannot share. */
export function ScreenShareButton({ control }: { control: ScreenShareControl }) {
  const t = useT();
  if (!control.supported) return null;
  const label = control.sharing ? t('share.stop') : t('share.start');
  return (
    <button
      type="button"
      className={control.sharing ? 'round active' : 'round'}
      aria-label={label}
      title={t('toolbar.withShortcut', { label, key: 'S' })}
      aria-pressed={control.sharing}
      data-testid="screen-share-toggle"
      onClick={control.toggle}
    >
      {control.sharing ? <StopShareIcon /> : <ShareScreenIcon />}
    </button>
  );
}
