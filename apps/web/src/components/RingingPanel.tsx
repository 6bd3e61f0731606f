import { useT } from '../i18n/i18n-context.js';

/** While the other side rings: who, and Cancel. */
export function RingingPanel({ name, onCancel }: { name: string; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="call-panel" role="dialog" aria-label={t('calls.calling', { name })}>
      <span className="spinner" aria-hidden="true" />
      <p role="status">{t('calls.ringing', { name })}</p>
      <button type="button" className="pill danger" onClick={onCancel} autoFocus>
        {t('calls.cancel')}
      </button>
    </div>
  );
}
