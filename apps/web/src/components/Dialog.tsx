import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n-context.js';
import { CloseIcon } from './chat-icons.js';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A modal dialog on the native `<dialog>`: while open the rest of the page is inert (so focus
 * stays inside), Escape closes it, and focus goes back to where it was when it opened.
 */
export function Dialog({ open, title, onClose, children }: DialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const onClosed = () => onCloseRef.current();
    dialog.addEventListener('close', onClosed);
    return () => {
      dialog.removeEventListener('close', onClosed);
      if (dialog.open) dialog.close();
      returnTo?.focus();
    };
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId}>
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="round small" aria-label={t('common.close')} onClick={onClose}>
              <CloseIcon />
            </button>
          </header>
          {children}
        </>
      )}
    </dialog>
  );
}
