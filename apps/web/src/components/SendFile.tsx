import type { FileSharing } from '@confab/client';
import { useRef, useState } from 'react';
import { useLocale, useT } from '../i18n/i18n-context.js';
import type { Text } from '../i18n/text.js';
import type { PeerView } from '../lib/peer-views.js';
import { formatBytes } from '../lib/file-format.js';
import { describeSendFileError } from '../lib/transfer-views.js';
import { PaperclipIcon } from './chat-icons.js';

const EVERYONE = '';

/** "Send file": pick a file and who gets it (everyone, or one person); they accept before bytes flow. */
export function SendFile({ files, peers }: { files: FileSharing; peers: readonly PeerView[] }) {
  const t = useT();
  const { locale } = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const [to, setTo] = useState(EVERYONE);
  const [error, setError] = useState<Text | null>(null);
  // A person who left is no longer a target.
  const target = to === EVERYONE || peers.some((p) => p.id === to) ? to : EVERYONE;

  function onPicked(file: File | undefined) {
    if (!file) return;
    try {
      files.send(file, target === EVERYONE ? {} : { to: target });
      setError(null);
    } catch (err) {
      setError(describeSendFileError(err, file, files.maxFileSize, locale));
    }
  }

  return (
    <div className="send-file">
      <label className="send-file-target">
        <span>{t('files.sendTo')}</span>
        <select value={target} onChange={(event) => setTo(event.target.value)} disabled={peers.length === 0}>
          <option value={EVERYONE}>{t('files.everyone')}</option>
          {peers.map((peer) => (
            <option key={peer.id} value={peer.id}>
              {peer.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="pill"
        disabled={peers.length === 0}
        title={t('files.sendTitle', { size: formatBytes(files.maxFileSize, locale) })}
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
        <span>{t('files.send')}</span>
      </button>
      <input
        ref={input}
        type="file"
        className="offscreen"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(event) => {
          onPicked(event.target.files?.[0]);
          // The same file can be picked again.
          event.target.value = '';
        }}
      />
      {error && (
        <p className="error" role="alert">
          {t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}
