import { IncomingFileTransfer } from '@confab/client';
import { useBlobUrl } from '../hooks/useBlobUrl.js';
import { formatBytes } from '../lib/file-format.js';
import { transferStatus, type TransferView } from '../lib/transfer-views.js';
import { CloseIcon } from './chat-icons.js';

export interface TransferItemProps {
  view: TransferView;
  /** Your own `maxFileSize`, for the words of a refusal. */
  maxFileSize: number;
  onDismiss: () => void;
}

/** One file transfer: who and what, progress, integrity, and what you can do about it. */
export function TransferItem({ view, maxFileSize, onDismiss }: TransferItemProps) {
  const { transfer } = view;
  const incoming = transfer instanceof IncomingFileTransfer ? transfer : undefined;
  const url = useBlobUrl(incoming?.blob);
  const moving = view.state === 'transferring' || view.state === 'verifying';
  const ended = view.state === 'complete' || view.state === 'declined' || view.state === 'cancelled' || view.state === 'failed';
  const status = transferStatus(view, maxFileSize);
  return (
    <li
      className={`transfer ${view.state}`}
      data-testid="transfer"
      data-direction={view.direction}
      data-state={view.state}
      data-name={view.name}
      data-integrity={view.integrity}
      data-bytes={view.bytes}
    >
      <div className="transfer-head">
        <span className="transfer-who">{view.direction === 'incoming' ? `From ${view.peerName}` : `To ${view.peerName}`}</span>
        {ended && (
          <button type="button" className="round small" aria-label={`Dismiss ${view.name}`} onClick={onDismiss}>
            <CloseIcon />
          </button>
        )}
      </div>
      <p className="transfer-file">
        <span className="transfer-name">{view.name}</span> <span className="transfer-size">{formatBytes(view.size)}</span>
      </p>
      {moving && (
        <progress
          className="transfer-progress"
          max={100}
          value={view.percent}
          aria-label={`${view.name}: ${view.percent}%`}
        />
      )}
      <p className={view.integrity === 'mismatch' ? 'transfer-status error' : 'transfer-status'} role="status">
        {status}
      </p>
      <div className="transfer-actions">
        {incoming && view.state === 'offered' && (
          <>
            <button type="button" className="pill primary" onClick={() => incoming.accept()}>
              Accept
            </button>
            <button type="button" className="pill" onClick={() => incoming.decline()}>
              Decline
            </button>
          </>
        )}
        {!ended && !(incoming && view.state === 'offered') && (
          <button type="button" className="pill" onClick={() => transfer.cancel()}>
            Cancel
          </button>
        )}
        {url && view.state === 'complete' && (
          <a className="pill primary" href={url} download={view.name}>
            Save
          </a>
        )}
      </div>
    </li>
  );
}
