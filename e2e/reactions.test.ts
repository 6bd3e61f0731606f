import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing, expectMesh } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { remoteTile, selfTile, toolbarButton, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';

/** Raised hands and reactions, through the toolbar, as the others see them on the sender's tile. */

/** Time for a hand or a reaction to cross the data channel and show. */
const SHOW_TIMEOUT_MS = 5_000;

const browser = useBrowser();

const handBadge = (page: Page, peerName: string) => remoteTile.in(page, peerName).getByTestId('hand-badge');
const raiseHand = (page: Page) => toolbarButton(page, 'Raise hand').click({ timeout: UI_TIMEOUT_MS });

async function react(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('group', { name: 'Send a reaction' });
  if (!(await menu.isVisible())) await toolbarButton(page, 'Reactions').click({ timeout: UI_TIMEOUT_MS });
  await menu.getByRole('button', { name, exact: true }).click({ timeout: UI_TIMEOUT_MS });
}

describe('raise hand', () => {
  const { stage } = useServerAndStage(browser);

  test('a raised hand shows on that person\'s tile at the others, in order, to a latecomer too; lowering clears it', async () => {
    const room = uniqueRoom('hand');
    const [ann, bob] = await stage.pair(room);

    await raiseHand(bob.page);
    await expect.poll(() => toolbarButton(bob.page, 'Raise hand').getAttribute('aria-pressed')).toBe('true');
    await handBadge(ann.page, 'bob').waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    await selfTile(bob.page).getByTestId('hand-badge').waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    await raiseHand(ann.page);
    await handBadge(bob.page, 'ann').waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    // Bob first, Ann second, the same at both.
    expect(await handBadge(ann.page, 'bob').getAttribute('data-position')).toBe('1');
    expect(await handBadge(bob.page, 'ann').getAttribute('data-position')).toBe('2');
    await expect.poll(() => ann.page.getByTestId('hand-queue').locator('li').allTextContents()).toEqual(['bob', 'ann (you)']);

    // Cy joins after both hands went up, and sees them, in the same order.
    const cy = await stage.enter('cy', room);
    await handBadge(cy.page, 'bob').waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    await handBadge(cy.page, 'ann').waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    expect(await handBadge(cy.page, 'bob').getAttribute('data-position')).toBe('1');
    expect(await handBadge(cy.page, 'ann').getAttribute('data-position')).toBe('2');

    // Bob lowers his hand: gone everywhere, and Ann moves up.
    await toolbarButton(bob.page, 'Raise hand').click({ timeout: UI_TIMEOUT_MS });
    for (const viewer of [ann, cy]) await handBadge(viewer.page, 'bob').waitFor({ state: 'detached', timeout: SHOW_TIMEOUT_MS });
    await expect.poll(() => handBadge(cy.page, 'ann').getAttribute('data-position')).toBe('1');

    await expectMesh([ann, bob, cy]);
  });
});

describe('reactions', () => {
  const { stage } = useServerAndStage(browser);

  test('a reaction floats on the sender\'s tile at the others and on their own, then goes', async () => {
    const [ann, bob] = await stage.pair(uniqueRoom('react'));
    await react(ann.page, 'Applause');
    const onBob = remoteTile.in(bob.page, 'ann').locator('[data-testid="reaction"][data-emoji="👏"]');
    await onBob.waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    await selfTile(ann.page).locator('[data-testid="reaction"][data-emoji="👏"]').waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    expect(await onBob.getAttribute('aria-label')).toBe('ann reacted 👏');
    // It floats for a few seconds only.
    await onBob.waitFor({ state: 'detached', timeout: 10_000 });

    // A flood: at most five in the window reach Bob.
    for (let i = 0; i < 10; i++) await react(ann.page, 'Celebrate');
    await remoteTile.in(bob.page, 'ann').locator('[data-testid="reaction"][data-emoji="🎉"]').first().waitFor({ state: 'visible', timeout: SHOW_TIMEOUT_MS });
    expect(await remoteTile.in(bob.page, 'ann').getByTestId('reaction').count()).toBeLessThanOrEqual(5);

    await expectFramesAdvancing(bob.page, 'ann');
    await expectFramesAdvancing(ann.page, 'bob');
  });
});
