import { SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { expectFramesAdvancing } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { alertText, joinButton, openLobby, remoteTiles, selfTile, uniqueRoom, UI_TIMEOUT_MS } from './harness/ui.js';

/** Room passwords and invitation tokens, through the real lobby. */

const browser = useBrowser();
const SECRET = 'e2e-auth-secret-e2e-auth-secret-0123456789';

describe('a room with a password', () => {
  const { stage } = useServerAndStage(browser);

  test('the first person sets it; without it or with a wrong one the next is refused; with it they meet', async () => {
    const room = uniqueRoom('locked');
    const ann = await stage.person('ann');
    await openLobby(ann.page, stage.url, room, 'ann');
    await ann.page.getByLabel('Room password (optional)').fill('correct horse');
    await joinButton(ann.page).click();
    await selfTile(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });

    const bob = await stage.person('bob');
    await openLobby(bob.page, stage.url, room, 'bob');
    await joinButton(bob.page).click();
    await alertText(bob.page, 'This room has a password').waitFor({ timeout: UI_TIMEOUT_MS });
    await bob.page.getByLabel('Room password (optional)').fill('wrong');
    await joinButton(bob.page).click();
    await alertText(bob.page, 'That password is not right').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await remoteTiles(ann.page).count()).toBe(0);

    await bob.page.getByLabel('Room password (optional)').fill('correct horse');
    await joinButton(bob.page).click();
    await expectFramesAdvancing(ann.page, 'bob');
    await expectFramesAdvancing(bob.page, 'ann');
  });
});

describe('a server that requires tokens', () => {
  const { stage } = useServerAndStage(browser, { AUTH_SECRET: SECRET });

  test('an invitation link (#token=) lets its holder in under the token name; a bare link does not', async () => {
    const room = uniqueRoom('invited');
    const token = await new SignJWT({ rooms: [room], name: 'Ann Invited' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    const ann = await stage.person('ann');
    await ann.page.goto(`${stage.url}/r/${room}#token=${token}`);
    await ann.page.getByLabel('Name').fill('ann');
    await joinButton(ann.page).click();
    await selfTile(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(ann.page.url()).not.toContain('token=');

    const eve = await stage.person('eve');
    await eve.page.goto(`${stage.url}/r/${room}`);
    await expect
      .poll(async () => (await eve.page.getByRole('alert').allTextContents()).join(' ') + (await eve.page.locator('body').textContent()), {
        timeout: UI_TIMEOUT_MS,
      })
      .toMatch(/invitation|server/i);
    expect(await selfTile(eve.page).count()).toBe(0);
  });
});
