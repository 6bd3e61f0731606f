import type { MessageKey } from '../i18n/messages.js';

/**
 * The keyboard shortcuts of a call: one key map, and the pure decision of which action a key
 * press means. Single keys, as in video players; they never fire while the person types in a
 * text field, nor with Ctrl, Alt or Meta held (those belong to the browser and the system).
 */

export type ShortcutAction = 'microphone' | 'camera' | 'screenShare' | 'raiseHand' | 'chat' | 'leave' | 'help';

export interface Shortcut {
  action: ShortcutAction;
  /** The key as a person presses it: a letter (either case) or a symbol such as "?". */
  key: string;
  /** Shift must be held too (Leave, so a stray key does not end the call). */
  shift: boolean;
  /** What it does, for the help dialog. */
  label: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'microphone', key: 'm', shift: false, label: 'shortcuts.microphone' },
  { action: 'camera', key: 'v', shift: false, label: 'shortcuts.camera' },
  { action: 'screenShare', key: 's', shift: false, label: 'shortcuts.screenShare' },
  { action: 'raiseHand', key: 'h', shift: false, label: 'shortcuts.raiseHand' },
  { action: 'chat', key: 'c', shift: false, label: 'shortcuts.chat' },
  { action: 'leave', key: 'l', shift: true, label: 'shortcuts.leave' },
  { action: 'help', key: '?', shift: false, label: 'shortcuts.help' },
];

/** The parts of a KeyboardEvent the decision needs. */
export interface KeyPress {
  key: string;
  /** The physical key (`KeyM`): lets a letter shortcut work while a Korean (or other) layout is active. */
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
  repeat: boolean;
}

/** The parts of the focused element the decision needs. */
export interface KeyTarget {
  tagName: string;
  isContentEditable: boolean;
  /** `type` of an `<input>`. */
  type?: string;
}

/** Inputs that take no typed text: keys pressed on them are free for shortcuts. */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'image', 'reset', 'submit']);

/** True when keys pressed with this element focused are typing (or choosing in a list), not commands. */
export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
}

/** The letter of a key press: from `key` when it is a Latin letter, else from the physical key. */
function letterOf(press: KeyPress): string | undefined {
  if (/^[a-z]$/i.test(press.key)) return press.key.toLowerCase();
  const physical = /^Key([A-Z])$/.exec(press.code);
  return physical?.[1]?.toLowerCase();
}

/** The action a key press asks for, or null when it is not a shortcut here. */
export function shortcutFor(press: KeyPress, target: KeyTarget | null): ShortcutAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey || press.isComposing || press.repeat) return null;
  if (isTypingTarget(target)) return null;
  if (press.key === '?') return 'help';
  const letter = letterOf(press);
  if (!letter) return null;
  const found = SHORTCUTS.find((shortcut) => shortcut.key === letter && shortcut.shift === press.shiftKey);
  return found?.action ?? null;
}

/** How the help dialog writes a shortcut's key: "M", "Shift + L", "?". */
export function keyLabel(shortcut: Shortcut): string {
  const key = shortcut.key.toUpperCase();
  return shortcut.shift ? `Shift + ${key}` : key;
}
