import { IncomingFileTransfer } from '@confab/client';
import { useBlobUrl } from '../hooks/useBlobUrl.js';
import { useLocale, useT } from '../i18n/i18n-context.js';
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
  const t = useT();
  const { locale } = useLocale();
  const { transfer } = view;
  const incoming = transfer instanceof IncomingFileTransfer ? transfer : undefined;
  const url = useBlobUrl(incoming?.blob);
  const moving = view.state === 'transferring' || view.state === 'verifying';
  const ended = view.state === 'complete' || view.state === 'declined' || view.state === 'cancelled' || view.state === 'failed';
  const status = transferStatus(view, maxFileSize, locale)
    .map((part) => t(part.key, part.params))
    .join(' · ');
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
        <span className="transfer-who">{t(view.direction === 'incoming' ? 'files.from' : 'files.to', { name: view.peerName })}</span>
        {ended && (
          <button type="button" className="round small" aria-label={t('files.dismiss', { file: view.name })} onClick={onDismiss}>
            <CloseIcon />
          </button>
        )}
      </div>
      <p className="transfer-file">
        <span className="transfer-name">{view.name}</span> <span className="transfer-size">{formatBytes(view.size, locale)}</span>
      </p>
      {moving && (
        <progress
          className="transfer-progress"
          max={100}
          value={view.percent}
          aria-label={t('files.progress', { file: view.name, percent: view.percent })}
        />
      )}
      <p className={view.integrity === 'mismatch' ? 'transfer-status error' : 'transfer-status'} role="status">
        {status}
      </p>
      <div className="transfer-actions">
        {incoming && view.state === 'offered' && (
          <>
            <button type="button" className="pill primary" onClick={() => incoming.accept()}>
              {t('files.accept')}
            </button>
            <button type="button" className="pill" onClick={() => incoming.decline()}>
              {t('files.decline')}
            </button>
          </>
        )}
        {!ended && !(incoming && view.state === 'offered') && (
          <button type="button" className="pill" onClick={() => transfer.cancel()}>
            {t('files.cancel')}
          </button>
        )}
        {url && view.state === 'complete' && (
          <a className="pill primary" href={url} download={view.name}>
            {t('files.save')}
          </a>
        )}
      </div>
    </li>
  );
}
