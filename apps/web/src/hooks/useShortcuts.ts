import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from '../lib/shortcuts.js';

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

/**
 * Runs the call's keyboard shortcuts (lib/shortcuts.ts) while mounted. An action without a
 * handler is left to the browser. Nothing fires while a modal dialog is open: it has its own keys.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = shortcutFor(event, target && { tagName: target.tagName, isContentEditable: target.isContentEditable, type: target instanceof HTMLInputElement ? target.type : undefined });
      const handler = action ? latest.current[action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
