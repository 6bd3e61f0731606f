import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium, driven through playwright-core (which downloads no browser of its own). */

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  // Synthetic cameras (a moving test pattern) and microphones (a beep), granted without a prompt;
  // two of each, so switching devices can be tested. The fake UI also picks a screen (a moving
  // pattern too) for getDisplayMedia without showing the picker.
  '--use-fake-device-for-media-stream=device-count=2',
  '--use-fake-ui-for-media-stream',
  '--disable-background-networking',
];

/** Diagnostics kept per person: the last console lines and page errors. */
const MAX_CONSOLE_LINES = 200;

/**
 * Launches headless Chromium. Throws, never skips, when Chromium is missing: the end-to-end
 * tests exist to exercise a real browser.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}. Install it with \`node scripts/ensure-test-deps.mjs\` ` +
        '(as root) or `sudo apt-get install -y chromium`.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** One participant: an isolated browser context (own cookies, own media permissions) with one tab. */
export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Console messages and page errors seen so far, newest last. */
  consoleLines(): readonly string[];
  /** Closes the context (the tab with it). Idempotent. */
  close(): Promise<void>;
}

/**
 * Opens a new context with camera and microphone granted, and one page in it. `options` adds to or
 * overrides the context's (`locale: 'ko-KR'`, a phone's `viewport` with `isMobile` and `hasTouch`).
 */
export async function newPerson(browser: Browser, name: string, options: BrowserContextOptions = {}): Promise<Person> {
  const context = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: { width: 1280, height: 720 },
    ...options,
  });
  // tsx (which runs bench/) compiles with esbuild's keepNames, so functions sent to
  // page.evaluate call a `__name` helper that exists only in Node. Give the page a no-op one.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const page = await context.newPage();
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > MAX_CONSOLE_LINES) lines.shift();
  };
  page.on('console', (msg) => keep(`[${name} console.${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (error) => keep(`[${name} pageerror] ${error.message}`));
  page.on('crash', () => keep(`[${name}] page crashed`));

  let closing: Promise<void> | undefined;
  return {
    name,
    context,
    page,
    consoleLines: () => lines,
    close: () => {
      closing ??= context.close().catch(() => undefined);
      return closing;
    },
  };
}

/** Console output of several people, for an assertion message. */
export function describeConsoles(people: readonly Person[], lines = 30): string {
  return people.map((person) => person.consoleLines().slice(-lines).join('\n')).join('\n');
}
