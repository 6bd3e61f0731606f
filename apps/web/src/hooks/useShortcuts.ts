import { useEffect, useRef } from 'react';
import { shortcutFor, type KeyTarget, type ShortcutAction } from '../lib/shortcuts.js';

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
      const action = shortcutFor(event, keyTarget(event.target));
      const handler = action ? latest.current[action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

function keyTarget(target: EventTarget | null): KeyTarget | null {
  if (!(target instanceof HTMLElement)) return null;
  const type = target instanceof HTMLInputElement ? target.type : undefined;
  return { tagName: target.tagName, isContentEditable: target.isContentEditable, ...(type === undefined ? {} : { type }) };
}
