import { DISPLAY_NAME_FORBIDDEN, DISPLAY_NAME_MAX } from '@confab/protocol';
import { text, type Text } from '../i18n/text.js';

export { DISPLAY_NAME_MAX };

/** localStorage key under which the lobby remembers the last name used. */
export const NAME_STORAGE_KEY = 'confab:name';

/** The part of `Storage` the name memory needs, so tests can pass a Map-backed fake. */
export type NameStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Why a name cannot be used, in words for the person typing it; `null` when it is fine. */
export function displayNameProblem(name: string): Text | null {
  const trimmed = name.trim();
  if (trimmed === '') return text('errors.name.empty');
  if (trimmed.length > DISPLAY_NAME_MAX) return text('errors.name.tooLong', { max: DISPLAY_NAME_MAX });
  if (DISPLAY_NAME_FORBIDDEN.test(trimmed)) return text('errors.name.forbidden');
  return null;
}

/** Storage can be missing or throw (private mode, blocked cookies): the name is then simply not remembered. */
function defaultStorage(): NameStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function loadName(storage: NameStorage | undefined = defaultStorage()): string {
  try {
    return storage?.getItem(NAME_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveName(name: string, storage: NameStorage | undefined = defaultStorage()): void {
  try {
    storage?.setItem(NAME_STORAGE_KEY, name.trim());
  } catch {
    // Full or blocked storage: not remembering a name is harmless.
  }
}
