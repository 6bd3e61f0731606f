import { describe, expect, it } from 'vitest';
import { placeholdersOf } from './catalog.js';
import { LOCALES } from './locale.js';
import { MESSAGES } from './messages.js';

describe('message catalogues', () => {
  const englishKeys = Object.keys(MESSAGES.en).sort();

  it('has at least one string', () => {
    expect(englishKeys.length).toBeGreaterThan(0);
  });

  for (const locale of LOCALES) {
    it(`${locale} has every key English has, and no other`, () => {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual(englishKeys);
    });

    it(`${locale} has no empty string`, () => {
      const empty = Object.entries(MESSAGES[locale]).filter(([, text]) => text.trim() === '');
      expect(empty.map(([key]) => key)).toEqual([]);
    });

    it(`${locale} uses the same placeholders as English in every string`, () => {
      const mismatched = Object.entries(MESSAGES[locale])
        .filter(([key, text]) => {
          const english = MESSAGES.en[key as keyof typeof MESSAGES.en];
          return placeholdersOf(text).sort().join() !== placeholdersOf(english).sort().join();
        })
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });
  }
});
