import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { en, ko } from './harness/locale-ui.js';
import { expectFramesAdvancingFrom, expectMesh, framesAdvanced, sampleVideos } from './harness/media.js';
import { useBrowser, useServerAndStage } from './harness/suite.js';
import { joinAndEnter, joinButton, remoteTiles, roomUrl, UI_TIMEOUT_MS } from './harness/ui.js';
import { pollUntil } from './harness/wait.js';

/**
 * The README's pictures, taken by the real app: the lobby, and a room of four people on Chromium's
 * fake camera, in English and in Korean. Each is taken only once the video is really playing.
 */

const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
/** A laptop screen: wide enough for the lobby's two columns and a 2×2 grid. */
const SCREEN = { viewport: { width: 1280, height: 800 } } as const;
const PREVIEW_TIMEOUT_MS = 20_000;

const browser = useBrowser();

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // No blinking caret or half-finished transition in the picture.
  await page.screenshot({ path: join(SCREENSHOT_DIR, name), animations: 'disabled', caret: 'hide' });
}

async function expectPreviewPlaying(page: Page): Promise<void> {
  await pollUntil(
    async () => {
      const { preview } = await sampleVideos(page, { preview: '[data-testid="local-preview"]' });
      return preview && framesAdvanced(preview) ? preview : undefined;
    },
    { timeoutMs: PREVIEW_TIMEOUT_MS, what: 'the lobby camera preview to play' },
  );
}

describe('screenshots', () => {
  const { stage } = useServerAndStage(browser);

  test('the lobby, in English and Korean, with the camera preview playing', async () => {
    const ann = await stage.person('ann', SCREEN);
    await ann.page.goto(roomUrl(stage.url, 'team-standup'));
    await ann.page.getByLabel(en('lobby.name'), { exact: true }).fill('Ann');
    await joinButton(ann.page).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectPreviewPlaying(ann.page);
    await shoot(ann.page, 'lobby-en.png');

    await ann.page.getByLabel(en('common.language')).selectOption('ko');
    await ann.page.getByRole('button', { name: ko('lobby.join'), exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectPreviewPlaying(ann.page);
    await shoot(ann.page, 'lobby-ko.png');
  });

  test('a room of four, in English and Korean, every remote video advancing', async () => {
    const room = 'team-standup';
    const names = ['Ann', 'Bob', 'Chloé', 'Dae-jung'];
    const people = [];
    for (const name of names) {
      const person = await stage.person(name, SCREEN);
      await joinAndEnter(person.page, stage.url, room, name);
      people.push(person);
    }
    await expectMesh(people);
    const ann = people[0]!;
    const others = names.slice(1);
    expect(await remoteTiles(ann.page).count()).toBe(3);

    await expectFramesAdvancingFrom(ann.page, others);
    await ann.page.mouse.move(0, 0);
    await shoot(ann.page, 'room-en.png');

    await ann.page.getByLabel(en('common.language')).selectOption('ko');
    await ann.page.getByRole('status').filter({ hasText: ko('room.people', { count: 4 }) }).waitFor({ timeout: UI_TIMEOUT_MS });
    await expectFramesAdvancingFrom(ann.page, others);
    await shoot(ann.page, 'room-ko.png');
  });
});
