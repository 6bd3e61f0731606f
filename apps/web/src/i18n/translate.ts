import { interpolate } from './catalog.js';
import type { Locale } from './locale.js';
import { MESSAGES, type MessageKey } from './messages.js';

/** Looks up a string and fills its placeholders: `t('room.waiting', { room })`. */
export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** A translate function for one language; a key missing there falls back to English. */
export function translator(locale: Locale): Translate {
  const strings = MESSAGES[locale];
  return (key, params) => interpolate(strings[key] ?? MESSAGES.en[key], params);
}
