import { describe, expect, it } from 'vitest';
import { isTypingTarget, keyLabel, SHORTCUTS, shortcutFor, type KeyPress, type KeyTarget } from './shortcuts.js';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  isComposing: false,
  repeat: false,
  ...more,
});
const button: KeyTarget = { tagName: 'BUTTON', isContentEditable: false };
const body: KeyTarget = { tagName: 'BODY', isContentEditable: false };

describe('shortcutFor', () => {
  it('maps the single keys to microphone, camera, screen share, raise hand and chat', () => {
    expect(shortcutFor(press('m'), body)).toBe('microphone');
    expect(shortcutFor(press('v'), button)).toBe('camera');
    expect(shortcutFor(press('s'), body)).toBe('screenShare');
    expect(shortcutFor(press('h'), body)).toBe('raiseHand');
    expect(shortcutFor(press('c'), null)).toBe('chat');
  });

  it('takes letters in either case, so Caps Lock does not matter', () => {
    expect(shortcutFor(press('M'), body)).toBe('microphone');
  });

  it('needs Shift for Leave, so a stray L does not end the call', () => {
    expect(shortcutFor(press('l'), body)).toBeNull();
    expect(shortcutFor(press('L', { shiftKey: true }), body)).toBe('leave');
  });

  it('opens the help with ?', () => {
    expect(shortcutFor(press('?', { shiftKey: true, code: 'Slash' }), body)).toBe('help');
  });

  it('works with a Korean keyboard layout active, by the physical key', () => {
    expect(shortcutFor(press('ㅡ', { code: 'KeyM' }), body)).toBe('microphone');
  });

  it('never fires while typing in a text field, a text area, a list or editable content', () => {
    expect(shortcutFor(press('m'), { tagName: 'INPUT', isContentEditable: false, type: 'text' })).toBeNull();
    expect(shortcutFor(press('m'), { tagName: 'INPUT', isContentEditable: false })).toBeNull();
    expect(shortcutFor(press('m'), { tagName: 'TEXTAREA', isContentEditable: false })).toBeNull();
    expect(shortcutFor(press('m'), { tagName: 'SELECT', isContentEditable: false })).toBeNull();
    expect(shortcutFor(press('m'), { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(shortcutFor(press('?', { shiftKey: true }), { tagName: 'TEXTAREA', isContentEditable: false })).toBeNull();
  });

  it('still fires on a checkbox, which takes no text', () => {
    expect(shortcutFor(press('m'), { tagName: 'INPUT', isContentEditable: false, type: 'checkbox' })).toBe('microphone');
  });

  it('leaves modified keys, composition and auto-repeat alone', () => {
    expect(shortcutFor(press('m', { ctrlKey: true }), body)).toBeNull();
    expect(shortcutFor(press('m', { metaKey: true }), body)).toBeNull();
    expect(shortcutFor(press('m', { altKey: true }), body)).toBeNull();
    expect(shortcutFor(press('m', { isComposing: true }), body)).toBeNull();
    expect(shortcutFor(press('m', { repeat: true }), body)).toBeNull();
  });

  it('ignores keys that are no shortcut', () => {
    expect(shortcutFor(press('x'), body)).toBeNull();
    expect(shortcutFor(press('Enter', { code: 'Enter' }), body)).toBeNull();
    expect(shortcutFor(press(' ', { code: 'Space' }), body)).toBeNull();
  });
});

describe('the key map', () => {
  it('gives every action exactly one key', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    const keys = SHORTCUTS.map((s) => `${s.shift}:${s.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes keys for people: "M", "Shift + L", "?"', () => {
    const label = (action: string) => keyLabel(SHORTCUTS.find((s) => s.action === action)!);
    expect(label('microphone')).toBe('M');
    expect(label('leave')).toBe('Shift + L');
    expect(label('help')).toBe('?');
  });
});

describe('isTypingTarget', () => {
  it('is false with nothing focused', () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
