import '../chat.css';
import type { FileSharing } from '@confab/client';
import type { TransferView } from '../lib/transfer-views.js';
import { TransferItem } from './TransferItem.js';
import { useT } from '../i18n/i18n-context.js';

/** Every file transfer of the room, always in view (an offer must not hide behind a closed chat). */
export function TransferTray({ views, files }: { views: readonly TransferView[]; files: FileSharing }) {
  const t = useT();
  if (views.length === 0) return null;
  return (
    <section className="transfer-tray" aria-label={t('files.transfers')}>
      <ul>
        {views.map((view) => (
          <TransferItem key={view.key} view={view} maxFileSize={files.maxFileSize} onDismiss={() => files.dismiss(view.transfer)} />
        ))}
      </ul>
    </section>
  );
}
