import { useT } from '../i18n/i18n-context.js';
import type { RecordingStatus } from '../lib/recording-controller.js';

/** What became of your recording: saved (and under which name), or why it could not start. */
export function RecordingNotice({ status }: { status: RecordingStatus }) {
  const t = useT();
  if (status.state === 'failed') {
    return (
      <p className="toast recording-notice" role="alert">
        {status.reason === 'unsupported' ? t('recording.unsupported') : t('recording.failed')}
      </p>
    );
  }
  if (status.state === 'saved') {
    return (
      <p className="toast recording-notice" role="status" data-testid="recording-saved">
        {t('recording.saved', { file: status.fileName })}
      </p>
    );
  }
  return null;
}
