/** The strings of one area of the app in one language, by key. */
export type Strings = Readonly<Record<string, string>>;

/** The strings of one area of the app, in every language the app speaks. */
export interface Catalog<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  readonly ko: Readonly<Record<K, string>>;
}

/**
 * Declares an area's strings. English comes first and defines the keys; every other language must
 * have exactly the same keys, so a missing translation is a compile error.
 * Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
export function defineCatalog<const E extends Record<string, string>>(
  en: E,
  ko: { readonly [K in keyof E]: string },
): Catalog<Extract<keyof E, string>> {
  return { en, ko };
}

/** The `{placeholder}` names used in a string, in order of appearance. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
}

/** Fills `{placeholder}`s from `params`; one without a value is left as written, so it shows. */
export function interpolate(text: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
