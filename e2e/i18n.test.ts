import { describe, expect, test } from 'vitest';
import { LOCALE_STORAGE_KEY } from '../apps/web/src/i18n/locale.js';
import { en, joinInKorean, ko, KOREAN, pageStrings, untranslated } from './harness/locale-ui.js';
import { expectFramesAdvancing } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { joinButton, joinAndEnter, roomUrl, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';

/** The app in Korean: chosen from the browser's language, complete, and switchable by hand. */

/** A phone: the layout and the language must both hold on a small touch screen. */
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const;

const browser = useBrowser();

describe('Korean UI', () => {
  const { stage } = useServerAndStage(browser);

  test('with the browser in ko-KR, the lobby is in Korean: no raw keys, no English UI words', async () => {
    const ann = await stage.person('ann', KOREAN);
    await ann.page.goto(roomUrl(stage.url, uniqueRoom('ko-lobby')));
    await ann.page.getByRole('button', { name: ko('lobby.join'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await ann.page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await ann.page.getByLabel(ko('lobby.name'), { exact: true }).fill('ann');
    const findings = untranslated(await pageStrings(ann.page));
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
  });

  test('a room of two in Korean shows Korean controls and status, with the video flowing', async () => {
    const room = uniqueRoom('ko-room');
    const ann = await stage.person('ann', KOREAN);
    const bob = await stage.person('bob', KOREAN);
    await joinInKorean(ann.page, stage.url, room, 'ann');
    await joinInKorean(bob.page, stage.url, room, 'bob');
    await expectFramesAdvancing(ann.page, 'bob');

    await ann.page.getByRole('button', { name: ko('toolbar.mute'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await ann.page.getByRole('status').filter({ hasText: ko('room.people', { count: 2 }) }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The chat panel and the shortcuts dialog are part of the room too.
    await ann.page.getByRole('button', { name: ko('chat.title'), exact: true }).click();
    await ann.page.getByRole('button', { name: ko('toolbar.shortcuts'), exact: true }).click();
    await ann.page.getByRole('dialog', { name: ko('shortcuts.title') }).waitFor({ timeout: UI_TIMEOUT_MS });
    const findings = untranslated(await pageStrings(ann.page));
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
  });

  test('the language switch flips the lobby to Korean and back, and is remembered across visits', async () => {
    const ann = await stage.person('ann');
    const url = roomUrl(stage.url, uniqueRoom('switch'));
    await ann.page.goto(url);
    await joinButton(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });

    await ann.page.getByLabel(en('common.language')).selectOption('ko');
    await ann.page.getByRole('button', { name: ko('lobby.join'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await ann.page.evaluate((key) => localStorage.getItem(key), LOCALE_STORAGE_KEY)).toBe('ko');

    await ann.page.reload();
    await ann.page.getByRole('button', { name: ko('lobby.join'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(untranslated(await pageStrings(ann.page))).toEqual([]);

    await ann.page.getByLabel(ko('common.language')).selectOption('en');
    await joinButton(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    await ann.page.reload();
    await joinButton(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
  });

  test('in the room, the switch turns the English call into Korean, and the choice outlives the page', async () => {
    const room = uniqueRoom('switch-room');
    const [ann] = await stage.pair(room);
    await ann.page.getByLabel(en('common.language')).selectOption('ko');
    await ann.page.getByRole('button', { name: ko('toolbar.leave'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectFramesAdvancing(ann.page, 'bob');
    const findings = untranslated(await pageStrings(ann.page));
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
    await ann.page.getByRole('button', { name: ko('toolbar.leave'), exact: true }).click();
    await ann.page.getByRole('button', { name: ko('lobby.join'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
  });

  test('on a phone in Korean, the lobby and the room are complete and fit the screen', async () => {
    const room = uniqueRoom('ko-phone');
    const ann = await stage.person('ann', { ...KOREAN, ...PHONE });
    const bob = await stage.person('bob', KOREAN);
    await joinInKorean(ann.page, stage.url, room, 'ann');
    await joinInKorean(bob.page, stage.url, room, 'bob');
    await expectFramesAdvancing(ann.page, 'bob');
    expect(untranslated(await pageStrings(ann.page))).toEqual([]);
    const overflow = await ann.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe('English stays the default', () => {
  const { stage } = useServerAndStage(browser);

  test('a browser in en-US gets English, exactly as the other end-to-end tests expect', async () => {
    const ann = await stage.person('ann', { locale: 'en-US' });
    await joinAndEnter(ann.page, stage.url, uniqueRoom('en'), 'ann');
    expect(await ann.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await ann.page.getByRole('button', { name: en('toolbar.leave'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    // The scan the Korean tests rely on does see English when it is there.
    expect(untranslated(await pageStrings(ann.page)).length).toBeGreaterThan(0);
  });
});
