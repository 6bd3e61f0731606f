import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Person } from './harness/browser.js';
import {
  chatPanel,
  openChat,
  recordTransfers,
  scratchDir,
  sendChat,
  sendFile,
  sha256OfFile,
  shownMessages,
  transferRecord,
  transferRow,
  unreadBadge,
  writeRandomFile,
  writeSparseFile,
} from './harness/data.js';
import { beforeAllOrFailEach, useBrowser, useServerAndStage } from './harness/suite.js';
import { remoteTiles, uniqueRoom } from './harness/ui.js';
import { pollUntil } from './harness/wait.js';

/**
 * Chat and file sharing end to end: peer to peer over the data channels of real Chromium peer
 * connections, every action through the UI. Files are checked byte for byte (SHA-256 of what
 * the receiver saves against the file the sender picked).
 */

/** How long chat messages and transfer states may take to show (data channels open with the connection). */
const DATA_TIMEOUT_MS = 30_000;
/** A 20 MB file must arrive within this, even on a busy 2-core machine. */
const TRANSFER_TIMEOUT_MS = 60_000;
const MB = 1024 * 1024;
/** Large enough that a cancel lands in the middle at any loopback speed. */
const BIG_FILE_BYTES = 512 * MB;

const browser = useBrowser();

/** Waits until everyone shows a tile for each of the others (their peer connections exist). */
async function expectTiles(people: readonly Person[]): Promise<void> {
  for (const person of people) {
    await pollUntil(async () => ((await remoteTiles(person.page).count()) === people.length - 1 ? true : undefined), {
      timeoutMs: DATA_TIMEOUT_MS,
      what: `${person.name} to see ${people.length - 1} others`,
    });
  }
}

describe('chat in a room of three', () => {
  const { stage } = useServerAndStage(browser);

  test('messages reach both others in the order sent, with name and time; the unread badge counts them while closed', async () => {
    const room = uniqueRoom('chat');
    const ann = await stage.enter('ann', room);
    const bob = await stage.enter('bob', room);
    const cy = await stage.enter('cy', room);
    await expectTiles([ann, bob, cy]);

    await openChat(ann.page);
    await openChat(bob.page);
    await chatPanel(bob.page).getByText('Messages sent before you joined are not available.').waitFor();

    const texts = ['one', 'two', 'three', 'four', 'five'];
    for (const text of texts) await sendChat(ann.page, text);

    // Bob, with the panel open: all five, in order, from ann, each with a time.
    const bobSees = await pollUntil(async () => {
      const shown = await shownMessages(bob.page);
      return shown.length >= texts.length ? shown : undefined;
    }, { timeoutMs: DATA_TIMEOUT_MS, what: 'bob to see five messages' });
    expect(bobSees.map((m) => m.text)).toEqual(texts);
    expect(bobSees.every((m) => m.from === 'ann')).toBe(true);
    expect(bobSees.every((m) => /\d{1,2}:\d{2}/.test(m.time))).toBe(true);

    // Cy, with the panel closed: the badge counts them; opening shows them in order and clears it.
    await pollUntil(async () => ((await unreadBadge(cy.page).textContent())?.startsWith('5') ? true : undefined), {
      timeoutMs: DATA_TIMEOUT_MS,
      what: 'cy\'s unread badge to say 5',
    });
    await openChat(cy.page);
    await unreadBadge(cy.page).waitFor({ state: 'detached' });
    expect((await shownMessages(cy.page)).map((m) => `${m.from}: ${m.text}`)).toEqual(texts.map((t) => `ann: ${t}`));

    // A reply reaches ann and cy after ann's five: one history, no duplicates.
    await sendChat(bob.page, 'hi from bob');
    for (const person of [ann, cy]) {
      const shown = await pollUntil(async () => {
        const list = await shownMessages(person.page);
        return list.length >= 6 ? list : undefined;
      }, { timeoutMs: DATA_TIMEOUT_MS, what: `${person.name} to see bob's reply` });
      expect(shown.map((m) => m.text)).toEqual([...texts, 'hi from bob']);
      expect(shown.at(-1)!.from).toBe('bob');
    }
    expect((await shownMessages(ann.page)).slice(0, 5).every((m) => m.from === 'ann')).toBe(true);
  });
});

describe('files between two people', () => {
  const { stage } = useServerAndStage(browser, {}, { keepPeople: true });
  let ann: Person;
  let bob: Person;
  let files: { dir: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    files = await scratchDir();
  });
  afterAll(async () => {
    await files?.cleanup();
  });

  beforeAllOrFailEach(async () => {
    const room = uniqueRoom('files');
    ann = await stage.enter('ann', room);
    bob = await stage.enter('bob', room);
    await expectTiles([ann, bob]);
    await recordTransfers(ann.page);
    await recordTransfers(bob.page);
  });

  test('a 20 MB file sent to one person arrives intact: offer, accept, progress on both sides, SHA-256 match, Save', async () => {
    const name = 'twenty.bin';
    const path = join(files.dir, name);
    const digest = await writeRandomFile(path, 20 * MB);
    await sendFile(ann.page, path, 'bob');

    // Bob first sees an offer: who, what, how big; nothing moves until he accepts.
    const offer = transferRow(bob.page, 'incoming', name);
    await offer.waitFor({ timeout: DATA_TIMEOUT_MS });
    await offer.getByText('From ann').waitFor();
    await offer.getByText('20 MB').waitFor();
    expect(await offer.getAttribute('data-state')).toBe('offered');
    expect(await transferRow(ann.page, 'outgoing', name).getAttribute('data-state')).toBe('offered');
    await offer.getByRole('button', { name: 'Accept', exact: true }).click();

    await offer.getByText('Integrity verified (SHA-256)').waitFor({ timeout: TRANSFER_TIMEOUT_MS });
    const sent = transferRow(ann.page, 'outgoing', name);
    await sent.getByText('Delivered to bob · Integrity verified (SHA-256)').waitFor({ timeout: DATA_TIMEOUT_MS });

    // Progress was shown on both sides, part way, and the receiver saw speed and time remaining.
    const received = await transferRecord(bob.page, 'incoming', name);
    const sending = await transferRecord(ann.page, 'outgoing', name);
    for (const record of [received, sending]) {
      expect(record?.bytes.some((b) => b > 0 && b < 20 * MB), JSON.stringify(record)).toBe(true);
      expect(record?.bytes.at(-1)).toBe(20 * MB);
    }
    expect(received?.partialBar || sending?.partialBar).toBe(true);
    expect(received?.statuses.some((s) => /\/s · \d+ (s|min) left/.test(s)), JSON.stringify(received?.statuses)).toBe(true);

    // Save: the download is the very file ann picked.
    const [download] = await Promise.all([bob.page.waitForEvent('download'), offer.getByRole('link', { name: 'Save' }).click()]);
    expect(download.suggestedFilename()).toBe(name);
    const saved = join(files.dir, `saved-${name}`);
    await download.saveAs(saved);
    expect(await sha256OfFile(saved)).toBe(digest);
  });

  test('cancel in the middle, by either side, leaves both sides clean and the next file still arrives', async () => {
    const big = join(files.dir, 'big.bin');
    await writeSparseFile(big, BIG_FILE_BYTES);

    for (const canceller of ['receiver', 'sender'] as const) {
      await sendFile(ann.page, big, 'bob');
      const incoming = transferRow(bob.page, 'incoming', 'big.bin').and(bob.page.locator('[data-state="offered"]'));
      await incoming.getByRole('button', { name: 'Accept', exact: true }).click({ timeout: DATA_TIMEOUT_MS });
      const bobRow = transferRow(bob.page, 'incoming', 'big.bin').and(bob.page.locator('[data-state="transferring"]'));
      const annRow = transferRow(ann.page, 'outgoing', 'big.bin').and(ann.page.locator('[data-state="transferring"]'));
      // Mid-transfer: bytes have arrived, far from all of them.
      const midway = await pollUntil(async () => {
        const bytes = Number(await bobRow.getAttribute('data-bytes', { timeout: DATA_TIMEOUT_MS }));
        return bytes > 0 ? bytes : undefined;
      }, { timeoutMs: DATA_TIMEOUT_MS, what: 'bytes to arrive' });
      expect(midway).toBeLessThan(BIG_FILE_BYTES / 2);

      const own = canceller === 'receiver' ? bobRow : annRow;
      await own.getByRole('button', { name: 'Cancel', exact: true }).click();

      const bobDone = transferRow(bob.page, 'incoming', 'big.bin').and(bob.page.locator('[data-state="cancelled"]'));
      const annDone = transferRow(ann.page, 'outgoing', 'big.bin').and(ann.page.locator('[data-state="cancelled"]'));
      await bobDone.waitFor({ timeout: DATA_TIMEOUT_MS });
      await annDone.waitFor({ timeout: DATA_TIMEOUT_MS });
      const [byYou, byPeer] = canceller === 'receiver' ? [bobDone, annDone] : [annDone, bobDone];
      await byYou.getByText('Cancelled', { exact: true }).waitFor();
      await byPeer.getByText(canceller === 'receiver' ? 'Cancelled by bob' : 'Cancelled by ann').waitFor();

      // Clean: no progress bar, no Cancel, no Save on either side; the counts stop moving.
      for (const row of [bobDone, annDone]) {
        expect(await row.locator('progress').count()).toBe(0);
        expect(await row.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
        expect(await row.getByRole('link', { name: 'Save' }).count()).toBe(0);
      }
      const bytesAfter = await bobDone.getAttribute('data-bytes');
      await bob.page.waitForTimeout(1000);
      expect(await bobDone.getAttribute('data-bytes')).toBe(bytesAfter);
      expect(Number(bytesAfter)).toBeLessThan(BIG_FILE_BYTES);

      // Both dismiss the row; nothing is left.
      await bobDone.getByRole('button', { name: 'Dismiss big.bin' }).click();
      await annDone.getByRole('button', { name: 'Dismiss big.bin' }).click();
      await bobDone.waitFor({ state: 'detached' });
      await annDone.waitFor({ state: 'detached' });
    }

    // The link is still good: a small file goes through and verifies.
    const small = join(files.dir, 'after-cancel.bin');
    await writeRandomFile(small, 1 * MB);
    await sendFile(ann.page, small, 'bob');
    const row = transferRow(bob.page, 'incoming', 'after-cancel.bin');
    await row.getByRole('button', { name: 'Accept', exact: true }).click({ timeout: DATA_TIMEOUT_MS });
    await row.getByText('Integrity verified (SHA-256)').waitFor({ timeout: DATA_TIMEOUT_MS });
  });

  test('a file over the size limit (2 GB) is refused before anything is offered, with the reason in words', async () => {
    const huge = join(files.dir, 'huge.iso');
    await writeSparseFile(huge, 2.5 * 1024 * MB);
    await sendFile(ann.page, huge, 'Everyone');
    await chatPanel(ann.page).getByRole('alert').filter({ hasText: '“huge.iso” is 2.5 GB: the most you can send is 2 GB.' }).waitFor();
    expect(await transferRow(ann.page, 'outgoing', 'huge.iso').count()).toBe(0);
    await bob.page.waitForTimeout(500);
    expect(await transferRow(bob.page, 'incoming', 'huge.iso').count()).toBe(0);
  });
});
