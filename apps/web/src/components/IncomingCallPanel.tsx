import { useT } from '../i18n/i18n-context.js';

export interface IncomingCallPanelProps {
  name: string;
  /** Accept was pressed: the camera is starting. */
  answering: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/** Someone is calling: who, Accept and Decline. */
export function IncomingCallPanel({ name, answering, onAccept, onDecline }: IncomingCallPanelProps) {
  const t = useT();
  return (
    <div className="call-panel" role="alertdialog" aria-label={t('calls.isCalling', { name })}>
      <p className="call-panel-title">{t('calls.isCalling', { name })}</p>
      <div className="call-panel-actions">
        <button type="button" className="pill primary" onClick={onAccept} disabled={answering} autoFocus>
          {t('calls.accept')}
        </button>
        <button type="button" className="pill danger" onClick={onDecline}>
          {t('calls.decline')}
        </button>
      </div>
      {answering && (
        <p className="status" role="status">
          {t('calls.connecting')}
        </p>
      )}
    </div>
  );
}
