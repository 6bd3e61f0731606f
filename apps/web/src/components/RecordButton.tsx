import { useT } from '../i18n/i18n-context.js';

/** The toolbar's Record / Stop toggle. */
export function RecordButton({ recording, onToggle }: { recording: boolean; onToggle: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className={recording ? 'pill record-toggle recording' : 'pill record-toggle'}
      aria-label={recording ? t('recording.stopLabel') : t('recording.startLabel')}
      onClick={onToggle}
    >
      <span className="record-dot" aria-hidden="true" />
      <span aria-hidden="true">{recording ? t('recording.stop') : t('recording.start')}</span>
    </button>
  );
}
