import { useLocale, useT } from '../i18n/i18n-context.js';
import { isLocale, LOCALE_NAMES, LOCALES } from '../i18n/locale.js';

/** A select that switches the app's language; the choice is remembered. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <label className="language-switch">
      <span>{t('common.language')}</span>
      <select
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
