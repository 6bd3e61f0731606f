/** The languages the app speaks. English is the source language and the fallback. */
export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];

/** Where a manual language choice is remembered between visits. */
export const LOCALE_STORAGE_KEY = 'confab.locale';

/** Each language's name in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ko: '한국어' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language to show: the person's own choice if they made one, else the first of the
 * browser's languages that the app speaks (`ko-KR` counts as `ko`), else English.
 */
export function chooseLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}
