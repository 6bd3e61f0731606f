import { useStreamVideo } from '../hooks/useStreamVideo.js';
import type { LocalMediaState } from '../lib/local-media.js';
import { CameraOffIcon } from './icons.js';

/** The lobby's camera preview: mirrored, muted, with a note while the camera starts or when it cannot. */
export function LocalPreview({ state }: { state: LocalMediaState }) {
  const stream = state.status === 'ready' ? state.stream : null;
  const { ref } = useStreamVideo({ stream, muted: true });
  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  return (
    <div className="preview">
      <video ref={ref} data-testid="local-preview" className="mirrored" muted playsInline autoPlay />
      {state.status === 'pending' && <p className="preview-note">Starting camera…</p>}
      {state.status === 'idle' && <p className="preview-note">The camera starts when you join.</p>}
      {(state.status === 'failed' || (stream && !hasVideo)) && (
        <div className="preview-note">
          <CameraOffIcon />
          <span>No camera</span>
        </div>
      )}
    </div>
  );
}
