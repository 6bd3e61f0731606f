import { useStreamVideo } from '../hooks/useStreamVideo.js';
import { useT } from '../i18n/i18n-context.js';
import type { ScreenView } from '../lib/screen-views.js';

/**
 * A shared screen: shown whole (`object-fit: contain`, never cropped), muted (screens carry no
 * sound here; the person's voice plays from their tile). `large` for the one on the stage.
 */
export function ScreenTile({ screen, large }: { screen: ScreenView; large: boolean }) {
  const t = useT();
  const { ref } = useStreamVideo({ stream: screen.stream, muted: true });
  const label = t('share.tileLabel', { name: screen.name });
  return (
    <figure className={large ? 'screen-tile large' : 'screen-tile'} data-testid="screen-tile" data-peer-id={screen.peerId} data-peer-name={screen.name} data-stage={large ? 'true' : 'false'} aria-label={label}>
      <video ref={ref} className="screen-video" autoPlay playsInline muted />
      <figcaption className="tile-label">
        <span className="tile-name">{label}</span>
      </figcaption>
    </figure>
  );
}
