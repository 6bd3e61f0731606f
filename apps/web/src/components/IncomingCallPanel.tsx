export interface IncomingCallPanelProps {
  name: string;
  /** Accept was pressed: the camera is starting. */
  answering: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/** Someone is calling: who, Accept and Decline. */
export function IncomingCallPanel({ name, answering, onAccept, onDecline }: IncomingCallPanelProps) {
  return (
    <div className="call-panel" role="alertdialog" aria-label={`${name} is calling`}>
      <p className="call-panel-title">{name} is calling</p>
      <div className="call-panel-actions">
        <button type="button" className="pill primary" onClick={onAccept} disabled={answering}>
          Accept
        </button>
        <button type="button" className="pill danger" onClick={onDecline}>
          Decline
        </button>
      </div>
      {answering && (
        <p className="status" role="status">
          Connecting…
        </p>
      )}
    </div>
  );
}
