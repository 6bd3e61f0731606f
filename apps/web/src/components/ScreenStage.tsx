import '../share.css';
import type { ScreenShareControl } from '../hooks/useScreenShare.js';
import { useT } from '../i18n/i18n-context.js';
import type { ScreenView } from '../lib/screen-views.js';
import { ScreenTile } from './ScreenTile.js';

export interface ScreenStageProps {
  /** The others' screens, newest first: the first takes the stage. */
  screens: readonly ScreenView[];
  share: ScreenShareControl;
}

/**
 * Above the grid while anyone shares: the newest shared screen large, the others small beside
 * it, and, while you share, a note with a Stop button (your own screen is not shown back to you).
 */
export function ScreenStage({ screens, share }: ScreenStageProps) {
  const t = useT();
  const [main, ...others] = screens;
  if (!main && !share.sharing && !share.failed) return null;
  return (
    <section className="screen-stage" aria-label={main ? t('share.started', { name: main.name }) : t('share.presenting')}>
      {share.sharing && (
        <p className="presenting" role="status" data-testid="presenting">
          <span>{t('share.presenting')}</span>
          <button type="button" className="pill danger" onClick={share.toggle}>
            {t('share.stop')}
          </button>
        </p>
      )}
      {share.failed && !share.sharing && (
        <p className="error" role="alert">
          {t('share.failed')}
        </p>
      )}
      {main && <ScreenTile key={`${main.peerId}:${main.stream.id}`} screen={main} large />}
      {others.length > 0 && (
        <div className="screen-strip">
          {others.map((screen) => (
            <ScreenTile key={`${screen.peerId}:${screen.stream.id}`} screen={screen} large={false} />
          ))}
        </div>
      )}
    </section>
  );
}
