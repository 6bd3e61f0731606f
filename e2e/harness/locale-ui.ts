import type { Page } from 'playwright-core';
import { MESSAGES, type MessageKey } from '../../apps/web/src/i18n/messages.js';
import { translator } from '../../apps/web/src/i18n/translate.js';
import { selfTile, UI_TIMEOUT_MS } from './ui.js';

/**
 * The UI in a language other than English: the app's own catalogues give the words to look for,
 * and every string on screen can be checked against them.
 */

export const ko = translator('ko');
export const en = translator('en');

/** Context options for a browser whose language is Korean. */
export const KOREAN = { locale: 'ko-KR' } as const;

/** Opens the lobby of `room` in Korean, types the name, presses 참여 and waits for the room. */
export async function joinInKorean(page: Page, baseUrl: string, room: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/r/${room}`);
  await page.getByLabel(ko('lobby.name'), { exact: true }).fill(name);
  await page.getByRole('button', { name: ko('lobby.join'), exact: true }).click({ timeout: UI_TIMEOUT_MS });
  await selfTile(page).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

/**
 * Every string a person can see or hear on the page: visible text (screen-reader-only text
 * included), accessible names and hints (aria-label, title, placeholder, alt), and the title.
 */
export async function pageStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const parent = node.parentElement;
      if (text && parent && parent.checkVisibility()) out.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (!element.checkVisibility()) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = element.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

/** The literal parts (placeholders taken out) of an English string, long enough to be telling. */
function fragments(text: string): string[] {
  return text
    .split(/\{\w+\}/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 4);
}

const KOREAN_STRINGS = Object.values(MESSAGES.ko);

/** English UI strings as fragments to look for; those Korean shares too ("· Confab", "SHA-256") are left out. */
const ENGLISH_ONLY: { key: MessageKey; fragment: string }[] = (Object.keys(MESSAGES.en) as MessageKey[])
  .flatMap((key) => fragments(MESSAGES.en[key]).map((fragment) => ({ key, fragment })))
  .filter(({ fragment }) => !KOREAN_STRINGS.some((korean) => korean.includes(fragment)));

export interface UntranslatedFinding {
  text: string;
  /** A message key shown raw, or the English string found in it. */
  problem: string;
}

/** Strings on screen that show a raw message key or English words of the catalogue. */
export function untranslated(strings: readonly string[]): UntranslatedFinding[] {
  const keys = Object.keys(MESSAGES.en);
  const findings: UntranslatedFinding[] = [];
  for (const text of strings) {
    const key = keys.find((k) => text.includes(k));
    if (key) findings.push({ text, problem: `raw key ${key}` });
    const english = ENGLISH_ONLY.find(({ fragment }) => text.includes(fragment));
    if (english) findings.push({ text, problem: `English "${english.fragment}" (${english.key})` });
  }
  return findings;
}
