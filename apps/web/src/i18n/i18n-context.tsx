import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createStrictContext } from '../hooks/strict-context.js';
import { chooseLocale, LOCALE_STORAGE_KEY, type Locale } from './locale.js';
import { translator, type Translate } from './translate.js';

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const [I18nContext, useStrictI18n] = createStrictContext<I18n>('I18nProvider');

function storedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null; // Storage blocked (private mode, sandboxed frame): follow the browser.
  }
}

/**
 * Provides the language: the person's stored choice, else the browser's. Keeps `<html lang>` in
 * step so screen readers pronounce the text in the right language.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => chooseLocale(storedLocale(), navigator.languages));
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered, but still switched for this visit.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale, t: translator(locale) }), [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The translate function for the current language. Throws outside <I18nProvider>. */
export function useT(): Translate {
  return useStrictI18n('useT').t;
}

/** The current language and the way to change it. Throws outside <I18nProvider>. */
export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useStrictI18n('useLocale');
  return { locale, setLocale };
}
