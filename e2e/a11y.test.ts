import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { AXE_CONTEXT, axeViolations, describeViolations } from './harness/axe.js';
import { en, joinInKorean, ko, KOREAN } from './harness/locale-ui.js';
import { expectFramesAdvancing } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { joinAndEnter, joinButton, mutedBadge, roomUrl, selfTile, toolbarButton, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';

/**
 * Accessibility through the real UI: axe-core finds no serious or critical violation in the lobby
 * or in a call (English and Korean, desktop and phone), and the call works from the keyboard alone.
 */

/** A phone screen, touch only. */
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const;
/** The smallest touch target a finger can hit reliably (WCAG 2.5.5, Apple and Android guidelines). */
const MIN_TOUCH_TARGET_PX = 44;
/** The connection check gathers candidates for up to 12 s before it shows results. */
const CHECK_TIMEOUT_MS = 30_000;

const browser = useBrowser();

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(where, violations)).toEqual([]);
}

/** Width and height of every visible button, link and select, for the touch-target check. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const element of document.querySelectorAll('button, a[href], select, input:not([type="file"])')) {
      if (!(element instanceof HTMLElement) || !element.checkVisibility()) continue;
      const box = element.getBoundingClientRect();
      // Inline links in running text are exempt; lone links are padded on phones.
      if (box.width < min || box.height < min) {
        const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName;
        if (element.matches('input[type="checkbox"]')) continue; // Its label (the whole row) is the target.
        small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return small;
  }, MIN_TOUCH_TARGET_PX);
}

describe('accessibility', () => {
  const { stage } = useServerAndStage(browser);

  test('the lobby has no serious or critical axe violations, in English and in Korean', async () => {
    const ann = await stage.person('ann', AXE_CONTEXT);
    await ann.page.goto(roomUrl(stage.url, uniqueRoom('a11y-lobby')));
    await joinButton(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectNoSeriousViolations(ann.page, 'lobby (en)');

    const bob = await stage.person('bob', { ...AXE_CONTEXT, ...KOREAN });
    await bob.page.goto(roomUrl(stage.url, uniqueRoom('a11y-lobby-ko')));
    await bob.page.locator('.join').waitFor({ timeout: UI_TIMEOUT_MS });
    await expectNoSeriousViolations(bob.page, 'lobby (ko)');
  });

  test('the direct-calls page and the connection check have no serious or critical axe violations, in Korean too', async () => {
    const ann = await stage.person('ann', AXE_CONTEXT);
    await ann.page.goto(`${stage.url}/call`);
    await ann.page.getByRole('button', { name: en('calls.goOnline'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectNoSeriousViolations(ann.page, '/call (en)');
    await ann.page.getByLabel(en('calls.name'), { exact: true }).fill('ann');
    await ann.page.getByRole('button', { name: en('calls.goOnline'), exact: true }).click();
    await ann.page.getByRole('button', { name: en('calls.goOffline'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectNoSeriousViolations(ann.page, '/call online (en)');

    const bob = await stage.person('bob', { ...AXE_CONTEXT, ...KOREAN });
    await bob.page.goto(`${stage.url}/check`);
    await bob.page.getByRole('button', { name: ko('check.again'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await bob.page.locator('[data-testid="check-host"]').waitFor({ timeout: CHECK_TIMEOUT_MS });
    await expectNoSeriousViolations(bob.page, '/check (ko)');
  });

  test('a room of two has no serious or critical axe violations, with the chat and the shortcuts open, in English and Korean', async () => {
    const room = uniqueRoom('a11y-room');
    const ann = await stage.person('ann', AXE_CONTEXT);
    const bob = await stage.person('bob', { ...AXE_CONTEXT, ...KOREAN });
    await joinAndEnter(ann.page, stage.url, room, 'ann');
    await joinInKorean(bob.page, stage.url, room, 'bob');
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');

    await expectNoSeriousViolations(ann.page, 'room (en)');
    await expectNoSeriousViolations(bob.page, 'room (ko)');

    await toolbarButton(ann.page, en('chat.title')).click();
    await ann.page.getByRole('textbox', { name: en('chat.message') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectNoSeriousViolations(ann.page, 'room with chat open (en)');

    await ann.page.keyboard.press('Escape');
    await toolbarButton(ann.page, en('toolbar.shortcuts')).click();
    await ann.page.getByRole('dialog', { name: en('shortcuts.title') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectNoSeriousViolations(ann.page, 'room with the shortcuts dialog (en)');
  });

  test('on a phone (360×740, touch) the lobby and the room pass axe, fit the width, stack the tiles and keep touch targets at 44 px', async () => {
    const room = uniqueRoom('a11y-phone');
    const ann = await stage.person('ann', { ...AXE_CONTEXT, ...PHONE });
    await ann.page.goto(roomUrl(stage.url, room));
    await joinButton(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectNoSeriousViolations(ann.page, 'lobby (phone)');

    await ann.page.getByLabel(en('lobby.name'), { exact: true }).fill('ann');
    await joinButton(ann.page).tap();
    await selfTile(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    await stage.enter('bob', room);
    await expectFramesAdvancing(ann.page, 'bob');
    await expectNoSeriousViolations(ann.page, 'room (phone)');

    const layout = await ann.page.evaluate(() => {
      const tiles = [...document.querySelectorAll('[data-testid="tile"]')].map((tile) => tile.getBoundingClientRect());
      const toolbar = document.querySelector('[role="toolbar"]')?.getBoundingClientRect();
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        tiles: tiles.map((box) => ({ top: box.top, bottom: box.bottom, width: box.width })),
        toolbarBottom: toolbar?.bottom ?? Infinity,
        height: window.innerHeight,
      };
    });
    expect(layout.overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
    expect(layout.tiles).toHaveLength(2);
    const [first, second] = layout.tiles;
    expect(second!.top, `tiles stack: ${JSON.stringify(layout.tiles)}`).toBeGreaterThanOrEqual(first!.bottom);
    expect(layout.toolbarBottom, 'the toolbar is on screen').toBeLessThanOrEqual(layout.height);
    expect(await smallTargets(ann.page)).toEqual([]);

    // The chat is a sheet over the call, with its own Close button, and passes too.
    await toolbarButton(ann.page, en('chat.title')).tap();
    await ann.page.getByRole('textbox', { name: en('chat.message') }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await smallTargets(ann.page)).toEqual([]);
    await expectNoSeriousViolations(ann.page, 'room with chat sheet (phone)');
  });
});

describe('keyboard', () => {
  const { stage } = useServerAndStage(browser);

  test('join and run the call from the keyboard alone: M mutes (the other side sees it), ? opens the help, Escape closes it and gives focus back', async () => {
    const room = uniqueRoom('keys');
    const bob = await stage.enter('bob', room);
    const ann = await stage.person('ann');
    await ann.page.goto(roomUrl(stage.url, room));
    // The name field has focus on arrival; Enter joins.
    await ann.page.getByLabel(en('lobby.name'), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await joinButton(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    await ann.page.keyboard.type('ann');
    await ann.page.keyboard.press('Enter');
    await selfTile(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectFramesAdvancing(bob.page, 'ann');

    await ann.page.keyboard.press('m');
    await mutedBadge(bob.page, 'ann').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await toolbarButton(ann.page, en('toolbar.unmute')).waitFor({ timeout: UI_TIMEOUT_MS });
    await ann.page.getByTestId('announcement').filter({ hasText: en('shortcuts.announce.muted') }).waitFor({ timeout: UI_TIMEOUT_MS });

    // Typing in the chat is typing, not shortcuts.
    await ann.page.keyboard.press('c');
    const box = ann.page.getByRole('textbox', { name: en('chat.message') });
    await box.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true);
    await ann.page.keyboard.type('mvc?');
    expect(await box.inputValue()).toBe('mvc?');
    await toolbarButton(ann.page, en('toolbar.unmute')).waitFor({ timeout: UI_TIMEOUT_MS });
    await ann.page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

    // Focus a toolbar button, open the help with "?", close it with Escape: focus comes back.
    const unmute = toolbarButton(ann.page, en('toolbar.unmute'));
    await unmute.focus();
    await ann.page.keyboard.press('?');
    const dialog = ann.page.getByRole('dialog', { name: en('shortcuts.title') });
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    // While the dialog is open, the call's keys do nothing.
    await ann.page.keyboard.press('m');
    await ann.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    expect(await unmute.evaluate((element) => element === document.activeElement)).toBe(true);

    // Space on the focused button unmutes: the badge goes away on the other side.
    await ann.page.keyboard.press('Space');
    await mutedBadge(bob.page, 'ann').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  });
});
