import { useT } from '../i18n/i18n-context.js';
import { keyLabel, SHORTCUTS, type ShortcutAction } from '../lib/shortcuts.js';
import { Dialog } from './Dialog.js';

export interface ShortcutsHelpProps {
  open: boolean;
  onClose: () => void;
  /** The actions this call offers; the others are listed as not available here. */
  available: ReadonlySet<ShortcutAction>;
}

/** The list of keyboard shortcuts, opened with "?" or the toolbar's Keyboard shortcuts button. */
export function ShortcutsHelp({ open, onClose, available }: ShortcutsHelpProps) {
  const t = useT();
  return (
    <Dialog open={open} title={t('shortcuts.title')} onClose={onClose}>
      <p className="dialog-intro">{t('shortcuts.intro')}</p>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.key')}</th>
            <th scope="col">{t('shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action} data-available={available.has(shortcut.action) ? 'true' : 'false'}>
              <td>
                <kbd>{keyLabel(shortcut)}</kbd>
              </td>
              <td>
                {t(shortcut.label)}
                {!available.has(shortcut.action) && <span className="dim"> {t('shortcuts.unavailable')}</span>}
              </td>
            </tr>
          ))}
          <tr data-available="true">
            <td>
              <kbd>Esc</kbd>
            </td>
            <td>{t('shortcuts.escape')}</td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
