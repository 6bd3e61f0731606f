import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle, type AwsBundle } from './bundle.js';

let aws: AwsBundle;
let cleanup: () => Promise<void>;
let api: Awaited<ReturnType<AwsBundle['FakeConnectionsApi']['start']>>;

beforeAll(async () => {
  ({ aws, cleanup } = await loadBundle());
  api = await aws.FakeConnectionsApi.start();
});

afterAll(async () => {
  await api?.stop();
  await cleanup?.();
});

const pong = (n: number) => ({ type: 'pong' as const, re: String(n) });

describe('ApiGatewayOutbox', () => {
  it('posts to one connection in the order issued, and flush waits for posts nobody awaited', async () => {
    const outbox = new aws.ApiGatewayOutbox(api.client(api.callbackUrl), new aws.GoneConnections());
    for (let n = 0; n < 20; n++) void outbox.deliver('ordered', pong(n));
    void outbox.deliver('other', pong(99));
    await outbox.flush();
    expect(api.inbox('ordered')).toEqual(Array.from({ length: 20 }, (_, n) => pong(n)));
    expect(api.inbox('other')).toEqual([pong(99)]);
  });

  it('a 410 marks the connection gone, resolves the delivery, and skips later posts to it', async () => {
    const gone = new aws.GoneConnections();
    const outbox = new aws.ApiGatewayOutbox(api.client(api.callbackUrl), gone);
    api.gone.add('stale');
    await expect(outbox.deliver('stale', pong(1))).resolves.toBeUndefined();
    await outbox.deliver('stale', pong(2));
    await outbox.flush();
    expect(gone.takeNew()).toEqual(['stale']);
    expect(api.goneHits.filter((id) => id === 'stale')).toHaveLength(1);
  });

  it('any other failure rejects the delivery', async () => {
    const outbox = new aws.ApiGatewayOutbox(api.client(`${api.callbackUrl}-wrong-stage`), new aws.GoneConnections());
    await expect(outbox.deliver('x', pong(1))).rejects.toThrow();
    await outbox.flush();
  });
});
