import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseClientMessage } from '@confab/protocol';
import { clientFrames } from '../../protocol/test/arbitraries.js';
import { startServer } from './start.js';
import { TestClient } from './test-client.js';

const FRAMES = 5_000;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

describe('fuzzing the live server', () => {
  it(`${FRAMES} generated frames over real sockets: every one answered or relayed, bystanders all delivered`, async () => {
    const started = await startServer({ RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000' });
    stop = started.close;
    const ann = await TestClient.open(started.wsUrl);
    const bob = await TestClient.open(started.wsUrl);
    const annId = await ann.enter('calm-bystanders-room-7f3a9c', 'Ann');
    await bob.enter('calm-bystanders-room-7f3a9c', 'Bob');
    const attackers = await Promise.all([0, 1, 2].map(() => TestClient.open(started.wsUrl)));
    const frames = fc.sample(clientFrames, { numRuns: FRAMES, seed: 42 });
    const invalid = [0, 0, 0];
    for (const [i, text] of frames.entries()) {
      attackers[i % 3]!.send(text);
      if (!parseClientMessage(text).ok) invalid[i % 3]!++;
      bob.send({ type: 'signal', to: annId, rid: String(i), data: { candidate: null } });
    }
    for (let i = 0; i < FRAMES; i++) expect((await ann.next('signal', 10_000)).from).toBeTypeOf('string');
    // Each attacker's socket is still open and still answers, in order, after everything it sent.
    for (const [n, a] of attackers.entries()) {
      a.send({ type: 'ping', rid: 'last' });
      let errors = 0;
      let last;
      do {
        last = await a.next(undefined, 10_000);
        if (last.type === 'error') errors++;
      } while (!(last.type === 'pong' && last.re === 'last'));
      // Every malformed frame got its own coded error (valid ones may be refused too).
      expect(errors).toBeGreaterThanOrEqual(invalid[n]!);
      expect(invalid[n]).toBeGreaterThan(100);
    }
    expect(ann.drain().filter((m) => m.type !== 'peer-joined')).toEqual([]);
    const health = await fetch(`${started.base}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', connections: 5 });
    for (const c of [ann, bob, ...attackers]) c.ws.terminate();
  }, 60_000);
});
