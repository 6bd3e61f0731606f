import { useStreamVideo } from '../hooks/useStreamVideo.js';
import type { LocalMediaState } from '../lib/local-media.js';
import { CameraOffIcon } from './icons.js';
import { useT } from '../i18n/i18n-context.js';

/** The lobby's camera preview: mirrored, muted, with a note while the camera starts or when it cannot. */
export function LocalPreview({ state }: { state: LocalMediaState }) {
  const t = useT();
  const stream = state.status === 'ready' ? state.stream : null;
  const { ref } = useStreamVideo({ stream, muted: true });
  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  return (
    <div className="preview">
      <video ref={ref} data-testid="local-preview" className="mirrored" muted playsInline autoPlay aria-label={t('lobby.preview')} />
      {state.status === 'pending' && <p className="preview-note">{t('lobby.startingCamera')}</p>}
      {state.status === 'idle' && <p className="preview-note">{t('lobby.cameraStartsOnJoin')}</p>}
      {(state.status === 'failed' || (stream && !hasVideo)) && (
        <div className="preview-note">
          <CameraOffIcon />
          <span>{t('lobby.noCamera')}</span>
        </div>
      )}
    </div>
  );
}
