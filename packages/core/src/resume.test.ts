import type { ServerMessage } from '@confab/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { RESUME_QUEUE_MAX } from './seat-keeper.js';
import { coreKit } from './test-kit.js';

const SECRET = 'resume-secret-for-tests';

async function welcomeOf(k: ReturnType<typeof coreKit>, connId: string, resume?: { peerId: string; token: string }) {
  await k.send(connId, { type: 'hello', v: 1, ...(resume ? { resume } : {}) });
  const msgs = k.take(connId);
  return { msgs, welcome: msgs.find((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome')! };
}

/** Ann and Bob in room r; returns Bob's id and resume token. */
async function pair(k: ReturnType<typeof coreKit>) {
  const ann = await welcomeOf(k, 'a1');
  await k.send('a1', { type: 'join', room: 'r', name: 'Ann' });
  const bob = await welcomeOf(k, 'b1');
  await k.send('b1', { type: 'join', room: 'r', name: 'Bob' });
  k.take('a1');
  k.take('b1');
  return { annId: ann.welcome.peerId, bobId: bob.welcome.peerId, bobToken: bob.welcome.resumeToken! };
}

describe('session resume', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a dropped peer keeps its seat: no peer-left, signals queue, and resume delivers them in order', async () => {
    const k = coreKit({ resumeSecret: SECRET });
    const { annId, bobId, bobToken } = await pair(k);
    await k.core.disconnect("b1", { graceful: false });
    for (let i = 0; i < 3; i++) await k.send('a1', { type: 'signal', to: bobId, data: { candidate: { candidate: `c${i}` } } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(k.take('a1')).toEqual([]);

    const { msgs } = await welcomeOf(k, 'b2', { peerId: bobId, token: bobToken });
    expect(msgs).toEqual([
      expect.objectContaining({ type: 'welcome', peerId: bobId, resumed: 'seat', room: 'r' }),
      ...[0, 1, 2].map((i) => ({ type: 'signal', from: annId, data: { candidate: { candidate: `c${i}` } } })),
    ]);
    await k.send('a1', { type: 'signal', to: bobId, data: { candidate: null } });
    expect(k.take('b2')).toEqual([{ type: 'signal', from: annId, data: { candidate: null } }]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(k.take('a1')).toEqual([]);
    expect((await k.store.listMembers('r')).map((m) => m.connId)).toEqual(['a1', 'b2']);
  });

  it('after the grace period the dropped peer leaves normally', async () => {
    const k = coreKit({ resumeSecret: SECRET, resumeGraceMs: 5000 });
    const { bobId } = await pair(k);
    await k.core.disconnect("b1", { graceful: false });
    await vi.advanceTimersByTimeAsync(4900);
    expect(k.take('a1')).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(k.take('a1')).toEqual([{ type: 'peer-left', peerId: bobId, reason: 'disconnected' }]);
    expect(await k.store.findSessionByPeer(bobId)).toBeUndefined();
  });

  it('a clean close leaves at once', async () => {
    const k = coreKit({ resumeSecret: SECRET });
    const { bobId } = await pair(k);
    await k.core.disconnect('b1');
    expect(k.take('a1')).toEqual([{ type: 'peer-left', peerId: bobId, reason: 'disconnected' }]);
  });

  it('a wrong token gets RESUME_FAILED and a fresh session, never the seat', async () => {
    const k = coreKit({ resumeSecret: SECRET });
    const { bobId, bobToken } = await pair(k);
    await k.core.disconnect("b1", { graceful: false });
    const forged = bobToken.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const { msgs, welcome } = await welcomeOf(k, 'evil', { peerId: bobId, token: forged });
    expect(msgs[0]).toMatchObject({ type: 'error', code: 'RESUME_FAILED' });
    expect(welcome.peerId).not.toBe(bobId);
    expect(welcome.resumed).toBeUndefined();
    // Bob's seat is untouched and still his.
    const again = await welcomeOf(k, 'b2', { peerId: bobId, token: bobToken });
    expect(again.welcome).toMatchObject({ peerId: bobId, resumed: 'seat' });
  });

  it('a token is good once: reusing it after a resume fails', async () => {
    const k = coreKit({ resumeSecret: SECRET });
    const { bobId, bobToken } = await pair(k);
    await k.core.disconnect("b1", { graceful: false });
    await welcomeOf(k, 'b2', { peerId: bobId, token: bobToken });
    const { msgs, welcome } = await welcomeOf(k, 'b3', { peerId: bobId, token: bobToken });
    expect(msgs[0]).toMatchObject({ type: 'error', code: 'RESUME_FAILED' });
    expect(welcome.peerId).not.toBe(bobId);
  });

  it('resuming while the old connection is half-open moves the seat and closes the old one', async () => {
    const closed: string[] = [];
    const k = coreKit({ resumeSecret: SECRET, closeConnection: (c) => closed.push(c) });
    const { bobId, bobToken } = await pair(k);
    const { welcome } = await welcomeOf(k, 'b2', { peerId: bobId, token: bobToken });
    expect(welcome).toMatchObject({ peerId: bobId, resumed: 'seat' });
    expect(closed).toEqual(['b1']);
    await k.core.disconnect("b1", { graceful: false }); // the old socket's close arrives later: no effect
    await vi.advanceTimersByTimeAsync(60_000);
    expect(k.take('a1')).toEqual([]);
  });

  it('after a restart that lost all state, a valid token keeps the id (resumed: id); another secret does not', async () => {
    const before = coreKit({ resumeSecret: SECRET });
    const { bobId, bobToken } = await pair(before);
    const after = coreKit({ resumeSecret: SECRET });
    const { welcome } = await welcomeOf(after, 'x1', { peerId: bobId, token: bobToken });
    expect(welcome).toMatchObject({ peerId: bobId, resumed: 'id' });
    expect(welcome.room).toBeUndefined();
    const other = coreKit({ resumeSecret: 'another-secret' });
    const { msgs } = await welcomeOf(other, 'x1', { peerId: bobId, token: bobToken });
    expect(msgs[0]).toMatchObject({ type: 'error', code: 'RESUME_FAILED' });
  });

  it('a token for one id cannot claim another id', async () => {
    const k = coreKit({ resumeSecret: SECRET });
    const { annId, bobToken } = await pair(k);
    await k.core.disconnect('a1', { graceful: false });
    const { msgs, welcome } = await welcomeOf(k, 'evil', { peerId: annId, token: bobToken });
    expect(msgs[0]).toMatchObject({ type: 'error', code: 'RESUME_FAILED' });
    expect(welcome.peerId).not.toBe(annId);
  });

  it('a seat whose queue overflows is given up (the peer leaves) rather than growing without bound', async () => {
    const k = coreKit({ resumeSecret: SECRET });
    const { bobId } = await pair(k);
    await k.core.disconnect("b1", { graceful: false });
    for (let i = 0; i <= RESUME_QUEUE_MAX; i++) await k.send('a1', { type: 'signal', to: bobId, data: { candidate: null } });
    await vi.advanceTimersByTimeAsync(0);
    expect(k.take('a1')).toContainEqual({ type: 'peer-left', peerId: bobId, reason: 'disconnected' });
    expect(k.store).toBeInstanceOf(MemoryStore);
  });
});
