import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { UI_TIMEOUT_MS } from './ui.js';

/**
 * Chat and file sharing as a person uses them, through the room view's accessible names and
 * data-testid attributes (apps/web README, "UI contract").
 */

const cssString = (value: string) => JSON.stringify(value);

export const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });

export const chatPanel = (page: Page): Locator => page.getByRole('complementary', { name: 'Chat' });
export const unreadBadge = (page: Page): Locator => page.getByTestId('unread-badge');

/** Opens the chat panel with the toolbar's "Chat" toggle (no-op when it is open). */
export async function openChat(page: Page): Promise<void> {
  if (await chatPanel(page).isVisible()) return;
  await button(page, 'Chat').click({ timeout: UI_TIMEOUT_MS });
  await chatPanel(page).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Types `text` into "Message" and presses Enter. */
export async function sendChat(page: Page, text: string): Promise<void> {
  const box = chatPanel(page).getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
}

export interface ShownMessage {
  from: string;
  text: string;
  time: string;
}

/** The messages the open chat panel shows, oldest first. */
export async function shownMessages(page: Page): Promise<ShownMessage[]> {
  return chatPanel(page)
    .getByTestId('chat-message')
    .evaluateAll((items) =>
      items.map((item) => ({
        from: item.getAttribute('data-from') ?? '',
        text: item.querySelector('.chat-text')?.textContent ?? '',
        time: item.querySelector('time')?.textContent ?? '',
      })),
    );
}

/** One row of the file-transfer tray. */
export const transferRow = (page: Page, direction: 'incoming' | 'outgoing', name: string): Locator =>
  page.locator(`[data-testid="transfer"][data-direction="${direction}"][data-name=${cssString(name)}]`);

/** Picks who gets the next file ("Everyone" or a name), clicks "Send file" and chooses `path` in the file chooser. */
export async function sendFile(page: Page, path: string, to: string): Promise<void> {
  await openChat(page);
  await chatPanel(page).getByLabel('Send to').selectOption({ label: to });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: UI_TIMEOUT_MS }), button(page, 'Send file').click()]);
  await chooser.setFiles(path);
}

export interface TransferRecord {
  /** Every distinct `data-bytes` value the row showed, in order. */
  bytes: number[];
  /** Every distinct status line. */
  statuses: string[];
  /** Whether a progress bar was seen between 0 and 100 %. */
  partialBar: boolean;
}

/**
 * Records, inside the page, what every transfer row shows as it changes (a MutationObserver, so
 * no update is missed between two polls). Read it back with `transferRecords`.
 */
export async function recordTransfers(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Record = { bytes: number[]; statuses: string[]; partialBar: boolean };
    const records: { [key: string]: Record } = {};
    (window as unknown as { __transfers: typeof records }).__transfers = records;
    const sample = () => {
      for (const row of document.querySelectorAll('[data-testid="transfer"]')) {
        const key = `${row.getAttribute('data-direction')}:${row.getAttribute('data-name')}`;
        const record = (records[key] ??= { bytes: [], statuses: [], partialBar: false });
        const bytes = Number(row.getAttribute('data-bytes'));
        if (record.bytes.at(-1) !== bytes) record.bytes.push(bytes);
        const status = row.querySelector('.transfer-status')?.textContent ?? '';
        if (record.statuses.at(-1) !== status) record.statuses.push(status);
        const bar = row.querySelector('progress');
        if (bar && bar.value > 0 && bar.value < 100) record.partialBar = true;
      }
    };
    new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    sample();
  });
}

export async function transferRecord(page: Page, direction: 'incoming' | 'outgoing', name: string): Promise<TransferRecord | undefined> {
  return page.evaluate(
    (key) => (window as unknown as { __transfers?: Record<string, TransferRecord> }).__transfers?.[key],
    `${direction}:${name}`,
  );
}

/** A scratch directory for test files, removed by `cleanup()`. */
export async function scratchDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'confab-files-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `bytes` of random data to `path` and returns its SHA-256 (hex). */
export async function writeRandomFile(path: string, bytes: number): Promise<string> {
  const data = randomBytes(bytes);
  await writeFile(path, data);
  return createHash('sha256').update(data).digest('hex');
}

/** A file of `bytes` zeros that takes no disk space (sparse): for big transfers and the size limit. */
export async function writeSparseFile(path: string, bytes: number): Promise<void> {
  const handle = await open(path, 'w');
  await handle.truncate(bytes);
  await handle.close();
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
