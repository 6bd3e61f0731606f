import type { ServerMessage } from '@confab/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coreKit } from './test-kit.js';

type Kit = ReturnType<typeof coreKit>;

async function goOnline(k: Kit, connId: string, name: string): Promise<string> {
  await k.send(connId, { type: 'hello', v: 1 });
  const id = (k.take(connId)[0] as Extract<ServerMessage, { type: 'welcome' }>).peerId;
  await k.send(connId, { type: 'online', name });
  return id;
}
const code = (m: ServerMessage | undefined) => (m?.type === 'error' ? m.code : m?.type);
const ofType = <T extends ServerMessage['type']>(msgs: ServerMessage[], type: T) =>
  msgs.filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);

/** Ann calls Bob; returns the call id. */
async function ring(k: Kit, bob: string): Promise<string> {
  await k.send('a', { type: 'invite', to: bob });
  const ringing = ofType(k.take('a'), 'ringing')[0]!;
  return ringing.callId;
}

describe('directory', () => {
  it('going online answers with everyone else, and tells them', async () => {
    const k = coreKit();
    const ann = await goOnline(k, 'a', 'Ann');
    expect(k.take('a')).toEqual([{ type: 'directory', self: { id: ann, name: 'Ann', busy: false }, peers: [] }]);
    const bob = await goOnline(k, 'b', 'Bob');
    expect(k.take('b')).toEqual([{ type: 'directory', self: { id: bob, name: 'Bob', busy: false }, peers: [{ id: ann, name: 'Ann', busy: false }] }]);
    expect(k.take('a')).toEqual([{ type: 'directory-update', peer: { id: bob, name: 'Bob', busy: false } }]);
  });

  it('a taken name (in any case) is refused with NAME_TAKEN and nobody is displaced', async () => {
    const k = coreKit();
    const ann = await goOnline(k, 'a', 'Ann');
    k.take('a');
    await goOnline(k, 'x', 'ANN');
    expect(code(k.last('x'))).toBe('NAME_TAKEN');
    expect(k.take('a')).toEqual([]);
    expect((await k.store.listOnline()).map((e) => e.peerId)).toEqual([ann]);
  });

  it('names are checked: control characters and 33 characters are refused', async () => {
    const k = coreKit();
    await goOnline(k, 'x', 'A\u0000nn');
    expect(code(k.last('x'))).toBe('INVALID_NAME');
    await k.send('x', { type: 'online', name: 'n'.repeat(33) });
    expect(code(k.last('x'))).toBe('INVALID_NAME');
  });

  it('going offline or disconnecting removes you from everyone\'s list, and frees the name', async () => {
    const k = coreKit();
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    k.take('a');
    k.take('b');
    await k.send('b', { type: 'offline', rid: 'o' });
    expect(k.take('b')).toEqual([{ type: 'directory-update', re: 'o', removed: bob }]);
    expect(k.take('a')).toEqual([{ type: 'directory-update', removed: bob }]);
    await k.send('b', { type: 'online', name: 'Bob' });
    expect(code(k.take('b')[0])).toBe('directory');
    await k.core.disconnect('b');
    expect(k.take('a').at(-1)).toEqual({ type: 'directory-update', removed: bob });
  });
});

describe('direct calls', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('invite rings the callee; accept gives both the same private room, which only they may join', async () => {
    const k = coreKit();
    const ann = await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    k.take('a');
    k.take('b');
    const callId = await ring(k, bob);
    expect(ofType(k.take('b'), 'incoming-call')).toEqual([{ type: 'incoming-call', callId, from: { id: ann, name: 'Ann', busy: true } }]);
    await k.send('b', { type: 'accept', callId });
    const toBob = ofType(k.take('b'), 'call-accepted')[0]!;
    const toAnn = ofType(k.take('a'), 'call-accepted')[0]!;
    expect(toBob.room).toBe(toAnn.room);
    expect(toBob.room).toMatch(/^call_[\w-]{22}$/);
    expect(toAnn.peer.id).toBe(bob);

    await k.send('a', { type: 'join', room: toAnn.room, name: 'Ann' });
    expect(code(k.last('a'))).toBe('joined');
    const eve = await goOnline(k, 'e', 'Eve');
    expect(eve).toBeTruthy();
    await k.send('e', { type: 'join', room: toAnn.room, name: 'Eve' });
    expect(code(k.last('e'))).toBe('ROOM_NOT_ALLOWED');
  });

  it('decline ends the call for both with "declined"', async () => {
    const k = coreKit();
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    const callId = await ring(k, bob);
    k.take('b');
    await k.send('b', { type: 'decline', callId });
    expect(ofType(k.take('a'), 'call-ended')).toEqual([{ type: 'call-ended', callId, reason: 'declined', by: bob }]);
    expect(ofType(k.take('b'), 'call-ended')).toEqual([{ type: 'call-ended', callId, reason: 'declined', by: bob }]);
    expect(await k.store.callOf(bob)).toBeUndefined();
  });

  it('calling someone in a call gets "busy", and the call in progress is untouched', async () => {
    const k = coreKit();
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    await goOnline(k, 'c', 'Cat');
    const callId = await ring(k, bob);
    await k.send('b', { type: 'accept', callId });
    k.take('b');
    k.take('c');
    await k.send('c', { type: 'invite', to: bob });
    expect(ofType(k.take('c'), 'call-ended')).toEqual([expect.objectContaining({ reason: 'busy' })]);
    expect(ofType(k.take('b'), 'incoming-call')).toEqual([]);
    expect((await k.store.getCall(callId))?.state).toBe('active');
  });

  it('no answer within the ring timeout ends the call for both with "no-answer"', async () => {
    const k = coreKit({ callRingTimeoutMs: 3000 });
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    const callId = await ring(k, bob);
    k.take('b');
    await vi.advanceTimersByTimeAsync(2900);
    expect(ofType(k.take('a'), 'call-ended')).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(ofType(k.take('a'), 'call-ended')).toEqual([{ type: 'call-ended', callId, reason: 'no-answer' }]);
    expect(ofType(k.take('b'), 'call-ended')).toEqual([{ type: 'call-ended', callId, reason: 'no-answer' }]);
  });

  it('an answered call does not time out', async () => {
    const k = coreKit({ callRingTimeoutMs: 3000 });
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    const callId = await ring(k, bob);
    await k.send('b', { type: 'accept', callId });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ofType(k.take('a'), 'call-ended')).toEqual([]);
  });

  it('the caller can cancel while it rings; the callee is told "cancelled"', async () => {
    const k = coreKit();
    const ann = await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    const callId = await ring(k, bob);
    k.take('b');
    await k.send('a', { type: 'cancel', callId });
    expect(ofType(k.take('b'), 'call-ended')).toEqual([{ type: 'call-ended', callId, reason: 'cancelled', by: ann }]);
  });

  it('a callee who goes offline while it rings ends it with "offline"', async () => {
    const k = coreKit({ resumeGraceMs: 0 });
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    const callId = await ring(k, bob);
    await k.core.disconnect('b', { graceful: false });
    expect(ofType(k.take('a'), 'call-ended')).toEqual([{ type: 'call-ended', callId, reason: 'offline', by: bob }]);
  });

  it('hang up ends an active call for both; then both can call again', async () => {
    const k = coreKit();
    const ann = await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    const callId = await ring(k, bob);
    await k.send('b', { type: 'accept', callId });
    k.take('b');
    await k.send('a', { type: 'hangup', callId });
    expect(ofType(k.take('b'), 'call-ended')).toEqual([{ type: 'call-ended', callId, reason: 'hung-up', by: ann }]);
    expect(ofType(k.take('b'), 'directory-update')).toEqual([]);
    await k.send('b', { type: 'invite', to: ann });
    expect(ofType(k.take('b'), 'ringing')).toHaveLength(1);
  });

  it('busy flags reach the directory while ringing and clear afterwards', async () => {
    const k = coreKit();
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    await goOnline(k, 'c', 'Cat');
    k.take('c');
    const callId = await ring(k, bob);
    expect(ofType(k.take('c'), 'directory-update').map((u) => u.peer?.busy)).toEqual([true, true]);
    await k.send('b', { type: 'decline', callId });
    expect(ofType(k.take('c'), 'directory-update').map((u) => u.peer?.busy)).toEqual([false, false]);
  });

  it.each([
    ['calling yourself', async (k: Kit, ids: { ann: string }) => k.send('a', { type: 'invite', to: ids.ann }), 'CALL_SELF'],
    ['calling someone not online', async (k: Kit) => k.send('a', { type: 'invite', to: 'nobody' }), 'CALLEE_NOT_FOUND'],
    ['accepting a call nobody made', async (k: Kit) => k.send('a', { type: 'accept', callId: 'made-up' }), 'CALL_NOT_FOUND'],
    ['hanging up a call that is not yours', async (k: Kit) => k.send('a', { type: 'hangup', callId: 'made-up' }), 'CALL_NOT_FOUND'],
  ])('%s is refused', async (_what, act, expected) => {
    const k = coreKit();
    const ann = await goOnline(k, 'a', 'Ann');
    k.take('a');
    await act(k, { ann });
    expect(code(k.last('a'))).toBe(expected);
  });

  it('calling before going online is refused with NOT_ONLINE', async () => {
    const k = coreKit();
    const bob = await goOnline(k, 'b', 'Bob');
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'invite', to: bob });
    expect(code(k.last('a'))).toBe('NOT_ONLINE');
  });

  it('a double accept, the caller accepting, and a second call while ringing are refused', async () => {
    const k = coreKit();
    await goOnline(k, 'a', 'Ann');
    const bob = await goOnline(k, 'b', 'Bob');
    const cat = await goOnline(k, 'c', 'Cat');
    const callId = await ring(k, bob);
    await k.send('a', { type: 'accept', callId });
    expect(code(k.last('a'))).toBe('CALL_STATE');
    await k.send('a', { type: 'invite', to: cat });
    expect(code(k.last('a'))).toBe('ALREADY_IN_CALL');
    await k.send('b', { type: 'accept', callId });
    k.take('b');
    await k.send('b', { type: 'accept', callId });
    expect(code(k.last('b'))).toBe('CALL_STATE');
  });
});
