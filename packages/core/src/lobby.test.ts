import type { ServerMessage } from '@confab/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pendingCap, PENDING_TTL_MS } from './lobby.js';
import { coreKit } from './test-kit.js';

type Kit = ReturnType<typeof coreKit>;

async function hello(k: Kit, connId: string): Promise<string> {
  await k.send(connId, { type: 'hello', v: 1 });
  const welcome = k.take(connId)[0];
  if (welcome?.type !== 'welcome') throw new Error('no welcome');
  return welcome.peerId;
}

/** Ann in room r; Vic (a lobby visitor) prepared in it. */
async function annAndVisitor(k: Kit) {
  const ann = await k.enter('a', 'r', 'Ann');
  k.take('a');
  const vic = await hello(k, 'v');
  await k.send('v', { type: 'prepare', rid: 'p', room: 'r', name: 'Vic' });
  return { ann, vic };
}

const types = (msgs: ServerMessage[]) => msgs.map((m) => (m.type === 'error' ? `error:${m.code}` : m.type));

describe('prepare', () => {
  it('prepare answers prepared with the members and tells them peer-preparing, before the answer', async () => {
    const order: string[] = [];
    const kit = coreKit({ deliver: (connId, msg) => void order.push(`${connId}:${msg.type}`) });
    const { ann, vic } = await annAndVisitor(kit);
    expect(kit.take('v')).toEqual([
      { type: 'prepared', re: 'p', room: 'r', peers: [{ id: ann, name: 'Ann', media: { audio: true, video: true } }], maxPeers: 4 },
    ]);
    expect(kit.take('a')).toEqual([{ type: 'peer-preparing', peer: { id: vic, name: 'Vic' } }]);
    expect(order.slice(-2)).toEqual(['a:peer-preparing', 'v:prepared']);
    expect(await kit.store.listPending('r')).toMatchObject([{ peerId: vic, name: 'Vic' }]);
  });

  it('a pending visitor is not counted in the capacity and not in anyone\'s roster', async () => {
    const k = coreKit({ maxPeers: 2 });
    await annAndVisitor(k);
    await k.enter('b', 'r', 'Bob');
    const joined = k.take('b').find((m) => m.type === 'joined');
    expect(joined).toMatchObject({ type: 'joined', peers: [{ name: 'Ann' }] });
    expect(await k.store.listMembers('r')).toHaveLength(2);
  });

  it('prepare of a full room is refused with ROOM_FULL and leaves no pending entry', async () => {
    const k = coreKit({ maxPeers: 1 });
    await k.enter('a', 'r', 'Ann');
    await hello(k, 'v');
    await k.send('v', { type: 'prepare', room: 'r', name: 'Vic' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'ROOM_FULL', re: { type: 'prepare' } });
    expect(await k.store.listPending('r')).toEqual([]);
  });

  it('prepare applies the room password and its guess limiter, like join', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'join', room: 'r', name: 'Ann', password: 'right' });
    await hello(k, 'v');
    await k.send('v', { type: 'prepare', room: 'r', name: 'Vic' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'PASSWORD_REQUIRED' });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      await k.send('v', { type: 'prepare', room: 'r', name: 'Vic', password: `wrong${i}` });
      codes.push(types(k.take('v')).join());
    }
    expect(codes).toEqual([...Array(5).fill('error:WRONG_PASSWORD'), 'error:TOO_MANY_ATTEMPTS']);
    await k.send('v', { type: 'prepare', room: 'r', name: 'Vic', password: 'right' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'TOO_MANY_ATTEMPTS' });
    expect(await k.store.listPending('r')).toEqual([]);
  });

  it('prepare with the right password succeeds', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'join', room: 'r', name: 'Ann', password: 'right' });
    await hello(k, 'v');
    await k.send('v', { type: 'prepare', room: 'r', name: 'Vic', password: 'right' });
    expect(k.last('v')).toMatchObject({ type: 'prepared', room: 'r' });
  });

  it('prepare of a room the token does not grant is refused with ROOM_NOT_ALLOWED', async () => {
    const k = coreKit({ authenticate: async () => ({ rooms: ['other'], publish: true }) });
    await hello(k, 'v');
    await k.send('v', { type: 'prepare', room: 'r', name: 'Vic' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'ROOM_NOT_ALLOWED' });
  });

  it('prepare of a call room one is not part of is refused with ROOM_NOT_ALLOWED', async () => {
    const k = coreKit();
    await hello(k, 'v');
    await k.send('v', { type: 'prepare', room: 'call_abc', name: 'Vic' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'ROOM_NOT_ALLOWED' });
  });

  it.each([
    [{ type: 'prepare', room: 'no spaces', name: 'Vic' }, 'INVALID_ROOM'],
    [{ type: 'prepare', room: '', name: 'Vic' }, 'INVALID_ROOM'],
    [{ type: 'prepare', room: 'r', name: '' }, 'INVALID_NAME'],
    [{ type: 'prepare', room: 'r', name: 'Vic', extra: 1 }, 'INVALID_MESSAGE'],
    [{ type: 'prepare', room: 'r' }, 'INVALID_NAME'],
    [{ type: 'prepare', name: 'Vic' }, 'INVALID_ROOM'],
  ])('bad prepare %j is refused with %s', async (msg, code) => {
    const k = coreKit();
    await hello(k, 'v');
    await k.send('v', msg);
    expect(k.last('v')).toMatchObject({ type: 'error', code });
  });

  it('prepare before hello is refused with HELLO_REQUIRED', async () => {
    const k = coreKit();
    await k.send('v', { type: 'prepare', room: 'r', name: 'Vic' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'HELLO_REQUIRED' });
  });

  it('prepare while in a room is refused with ALREADY_IN_ROOM', async () => {
    const k = coreKit();
    await k.enter('a', 'r', 'Ann');
    await k.send('a', { type: 'prepare', room: 'r2', name: 'Ann' });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'ALREADY_IN_ROOM' });
  });

  it('with prejoin off, prepare is refused with PREJOIN_DISABLED', async () => {
    const k = coreKit({ prejoin: false });
    await hello(k, 'v');
    await k.send('v', { type: 'prepare', room: 'r', name: 'Vic' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'PREJOIN_DISABLED' });
  });

  it('pending entries per room are capped: one more is refused with LOBBY_FULL', async () => {
    const k = coreKit({ maxPeers: 2 });
    await k.enter('a', 'r', 'Ann');
    const cap = pendingCap(2);
    for (let i = 0; i < cap; i++) {
      await hello(k, `v${i}`);
      await k.send(`v${i}`, { type: 'prepare', room: 'r', name: `V${i}` });
      expect(k.last(`v${i}`)).toMatchObject({ type: 'prepared' });
    }
    await hello(k, 'late');
    await k.send('late', { type: 'prepare', room: 'r', name: 'Late' });
    expect(k.last('late')).toMatchObject({ type: 'error', code: 'LOBBY_FULL' });
    // Preparing again counts once.
    await k.send('v0', { type: 'prepare', room: 'r', name: 'V0' });
    expect(k.last('v0')).toMatchObject({ type: 'prepared' });
  });
});

describe('relay between a lobby and a room', () => {
  it('a visitor and a member exchange signals both ways', async () => {
    const k = coreKit();
    const { ann, vic } = await annAndVisitor(k);
    k.take('a');
    await k.send('v', { type: 'signal', to: ann, data: { candidate: null } });
    expect(k.take('a')).toEqual([{ type: 'signal', from: vic, data: { candidate: null } }]);
    await k.send('a', { type: 'signal', to: vic, data: { candidate: null } });
    expect(k.take('v').at(-1)).toEqual({ type: 'signal', from: ann, data: { candidate: null } });
  });

  it('a visitor cannot signal another visitor, nor a member of another room', async () => {
    const k = coreKit();
    await annAndVisitor(k);
    const other = await k.enter('o', 'elsewhere', 'Otto');
    const wen = await hello(k, 'w');
    await k.send('w', { type: 'prepare', room: 'r', name: 'Wen' });
    k.take('v');
    await k.send('v', { type: 'signal', to: wen, data: { candidate: null } });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND' });
    await k.send('v', { type: 'signal', to: other, data: { candidate: null } });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND' });
    expect(types(k.take('w')).filter((t) => t === 'signal')).toEqual([]);
    expect(types(k.take('o')).filter((t) => t === 'signal')).toEqual([]);
  });

  it('a member of another room cannot signal a visitor', async () => {
    const k = coreKit();
    const { vic } = await annAndVisitor(k);
    await k.enter('o', 'elsewhere', 'Otto');
    k.take('v');
    await k.send('o', { type: 'signal', to: vic, data: { candidate: null } });
    expect(k.last('o')).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND' });
    expect(k.take('v')).toEqual([]);
  });

  it('with no room and no lobby, signal is refused with NOT_IN_ROOM', async () => {
    const k = coreKit();
    await hello(k, 'v');
    await k.send('v', { type: 'signal', to: 'peer9', data: { candidate: null } });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'NOT_IN_ROOM' });
  });

  it('visitors hear peer-joined and peer-left of the room, and the newcomer hears peer-preparing', async () => {
    const k = coreKit();
    const { vic } = await annAndVisitor(k);
    k.take('v');
    const bob = await k.enter('b', 'r', 'Bob');
    expect(k.take('v')).toEqual([{ type: 'peer-joined', peer: { id: bob, name: 'Bob', media: { audio: true, video: true } } }]);
    expect(types(k.take('b'))).toEqual(['joined', 'peer-preparing']);
    await k.send('b', { type: 'leave' });
    expect(k.take('v')).toEqual([{ type: 'peer-left', peerId: bob, reason: 'left' }]);
    expect(vic).toBeTruthy();
  });
});

describe('leaving the lobby', () => {
  it('join converts the pending entry into a member: peer-joined, no peer-unprepared', async () => {
    const k = coreKit();
    const { ann, vic } = await annAndVisitor(k);
    k.take('a');
    k.take('v');
    await k.send('v', { type: 'join', room: 'r', name: 'Vic' });
    expect(k.take('v')).toMatchObject([{ type: 'joined', peers: [{ id: ann }] }]);
    expect(k.take('a')).toEqual([{ type: 'peer-joined', peer: { id: vic, name: 'Vic', media: { audio: true, video: true } } }]);
    expect(await k.store.listPending('r')).toEqual([]);
    expect((await k.store.getSession('v'))?.prepared).toBeUndefined();
  });

  it('a join refused as full drops the pending entry and tells the members', async () => {
    const k = coreKit({ maxPeers: 2 });
    const { vic } = await annAndVisitor(k);
    await k.enter('b', 'r', 'Bob');
    k.take('a');
    k.take('v');
    await k.send('v', { type: 'join', room: 'r', name: 'Vic' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'ROOM_FULL' });
    expect(k.take('a')).toEqual([{ type: 'peer-unprepared', peerId: vic }]);
    expect(await k.store.listPending('r')).toEqual([]);
  });

  it('unprepare tells the members peer-unprepared and ends the relay', async () => {
    const k = coreKit();
    const { ann, vic } = await annAndVisitor(k);
    k.take('a');
    k.take('v');
    await k.send('v', { type: 'unprepare', rid: 'u' });
    expect(k.take('v')).toEqual([{ type: 'unprepared', re: 'u', room: 'r', reason: 'left' }]);
    expect(k.take('a')).toEqual([{ type: 'peer-unprepared', peerId: vic }]);
    await k.send('v', { type: 'signal', to: ann, data: { candidate: null } });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'NOT_IN_ROOM' });
    await k.send('v', { type: 'unprepare' });
    expect(k.last('v')).toMatchObject({ type: 'error', code: 'NOT_IN_ROOM' });
  });

  it('prepare of another room leaves the first lobby', async () => {
    const k = coreKit();
    const { vic } = await annAndVisitor(k);
    k.take('a');
    await k.send('v', { type: 'prepare', room: 'r2', name: 'Vic' });
    expect(k.take('a')).toEqual([{ type: 'peer-unprepared', peerId: vic }]);
    expect(await k.store.listPending('r')).toEqual([]);
    expect(await k.store.listPending('r2')).toHaveLength(1);
  });

  it.each([true, false])('a visitor whose socket goes (graceful %s) leaves no trace', async (graceful) => {
    const k = coreKit();
    const { vic } = await annAndVisitor(k);
    k.take('a');
    await k.core.disconnect('v', { graceful });
    expect(k.take('a')).toEqual([{ type: 'peer-unprepared', peerId: vic }]);
    expect(await k.store.listPending('r')).toEqual([]);
    k.core.stop();
  });

  describe('expiry', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('a pending entry expires after PENDING_TTL_MS: the visitor hears unprepared, the members peer-unprepared', async () => {
      const k = coreKit();
      const { vic } = await annAndVisitor(k);
      k.take('a');
      k.take('v');
      await vi.advanceTimersByTimeAsync(PENDING_TTL_MS - 1);
      expect(k.take('a')).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(k.take('v')).toEqual([{ type: 'unprepared', room: 'r', reason: 'expired' }]);
      expect(k.take('a')).toEqual([{ type: 'peer-unprepared', peerId: vic }]);
      expect(await k.store.listPending('r')).toEqual([]);
    });

    it('a join before the expiry stops its timer', async () => {
      const k = coreKit();
      await annAndVisitor(k);
      await k.send('v', { type: 'join', room: 'r', name: 'Vic' });
      k.take('a');
      k.take('v');
      await vi.advanceTimersByTimeAsync(PENDING_TTL_MS * 2);
      expect(k.take('v')).toEqual([]);
      expect(k.take('a')).toEqual([]);
    });
  });
});
