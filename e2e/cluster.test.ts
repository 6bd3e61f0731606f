import { afterAll, describe, expect, test } from 'vitest';
import { RedisServer } from '../packages/server/test/redis-server.js';
import type { Person } from './harness/browser.js';
import { expectMesh } from './harness/media.js';
import { startServer, type RunningServer } from './harness/server.js';
import { Stage } from './harness/stage.js';
import { beforeAllOrFailEach, useBrowser } from './harness/suite.js';
import { alertText, joinRoom, remoteTiles, uniqueRoom } from './harness/ui.js';

/**
 * Two Confab nodes sharing one real Redis: people who join one room through different nodes see
 * each other as if there were one node, and the room cap holds across nodes.
 */

const UI_STATE_TIMEOUT_MS = 10_000;
const browser = useBrowser();

describe('a room spread over two nodes', () => {
  let redis: RedisServer | undefined;
  const nodes: RunningServer[] = [];
  const stage = new Stage(browser, () => nodes[0]!);
  const room = uniqueRoom('nodes');
  const four: Person[] = [];

  beforeAllOrFailEach(async () => {
    redis = await RedisServer.start();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: `e2e${Date.now()}:`, MAX_PEERS: '4' };
    nodes.push(await startServer(env), await startServer(env));
    const names = ['ann', 'bob', 'cat', 'dan'];
    for (const [i, name] of names.entries()) four.push(await stage.enter(name, room, nodes[i % 2]!.url));
  });
  afterAll(async () => {
    await stage.closeAll();
    await Promise.all(nodes.map((n) => n.stop()));
    await redis?.stop();
  });

  test('four people joining through two nodes all decode each other', async () => {
    await expectMesh(four);
    for (const person of four) expect(await remoteTiles(person.page).count()).toBe(3);
  });

  test('a fifth person, on either node, is told the room is full', async () => {
    for (const node of nodes) {
      const eve = await stage.person('eve');
      await joinRoom(eve.page, node.url, room, 'eve');
      await alertText(eve.page, 'This room is full').waitFor({ timeout: UI_STATE_TIMEOUT_MS });
      expect(await remoteTiles(eve.page).count()).toBe(0);
      await eve.close();
    }
    for (const person of four) expect(await remoteTiles(person.page).count()).toBe(3);
  });
});
