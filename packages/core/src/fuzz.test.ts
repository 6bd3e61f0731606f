import fc from 'fast-check';
import { ERROR_CODES, parseClientMessage, ServerMessage } from '@confab/protocol';
import { describe, expect, it } from 'vitest';
import { clientFrames } from '../../protocol/test/arbitraries.js';
import { coreKit } from './test-kit.js';

/** 1,000 runs of 100 frames: 100,000 generated and mutated messages. */
const RUNS = 1_000;
const FRAMES_PER_RUN = 100;
const CALM_ROOM = 'calm-bystanders-room-7f3a9c';

describe('fuzzing the core', () => {
  it('100,000 generated frames: no crash, every bad one answered with a code, bystanders undisturbed', async () => {
    let frames = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(clientFrames, { minLength: FRAMES_PER_RUN, maxLength: FRAMES_PER_RUN }), async (batch) => {
        const k = coreKit();
        const ann = await k.enter('ann', CALM_ROOM, 'Ann');
        const bob = await k.enter('bob', CALM_ROOM, 'Bob');
        k.take('ann');
        k.take('bob');
        let relayed = 0;
        for (const [i, text] of batch.entries()) {
          const attacker = `evil${i % 3}`;
          const before = (k.inbox.get(attacker) ?? []).length;
          await k.core.receive(attacker, text);
          const replies = (k.inbox.get(attacker) ?? []).slice(before);
          for (const reply of replies) {
            expect(ServerMessage.safeParse(reply).success).toBe(true);
            if (reply.type === 'error') expect(Object.keys(ERROR_CODES)).toContain(reply.code);
          }
          if (!parseClientMessage(text).ok) {
            expect(replies).toHaveLength(1);
            expect(replies[0]?.type).toBe('error');
          }
          await k.send('ann', { type: 'signal', to: bob, data: { candidate: null } });
          relayed++;
          frames++;
        }
        const toBob = k.take('bob');
        expect(toBob).toEqual(Array.from({ length: relayed }, () => ({ type: 'signal', from: ann, data: { candidate: null } })));
        expect(k.take('ann')).toEqual([]);
        expect((await k.store.listMembers(CALM_ROOM)).map((m) => m.peerId)).toEqual([ann, bob]);
      }),
      { numRuns: RUNS },
    );
    expect(frames).toBe(RUNS * FRAMES_PER_RUN);
  }, 240_000);
});
