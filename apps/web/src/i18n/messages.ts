import { common } from './catalogs/common.js';
import type { Catalog } from './catalog.js';
import type { Locale } from './locale.js';

/**
 * Every area's catalogue. Each area of the app keeps its strings in its own file under
 * `catalogs/`, with keys prefixed by the area (`toolbar.leave`); add a new area here.
 */
const CATALOGS = [common] as const;

type KeyOf<C> = C extends Catalog<infer K> ? K : never;

/** Every string key the app uses. `t()` accepts only these. */
export type MessageKey = KeyOf<(typeof CATALOGS)[number]>;

function merge(locale: Locale): Readonly<Record<MessageKey, string>> {
  const merged: Record<string, string> = {};
  for (const catalog of CATALOGS) {
    for (const [key, text] of Object.entries(catalog[locale])) {
      if (key in merged) throw new Error(`The message key "${key}" is declared in two catalogues`);
      merged[key] = text;
    }
  }
  return merged as Record<MessageKey, string>;
}

/** All strings, by language and key. */
export const MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  en: merge('en'),
  ko: merge('ko'),
};
