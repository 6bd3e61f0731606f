import { MemoryStore, type Member, type SignalingStore } from '@confab/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle, type AwsBundle } from './bundle.js';
import { loadTemplate, type Template } from './template.js';

let aws: AwsBundle;
let template: Template;
let cleanup: () => Promise<void>;
let local: Awaited<ReturnType<AwsBundle['startLocalAws']>>;
/** The DynamoStore's clock (ms), moved by the expiry tests. */
let clock = Date.parse('2030-01-01T00:00:00Z');

beforeAll(async () => {
  ({ aws, cleanup } = await loadBundle());
  template = await loadTemplate();
  local = await aws.startLocalAws(template, { now: () => clock });
});

afterAll(async () => {
  await local?.stop();
  await cleanup?.();
});

let joins = 0;
function member(peerId: string, connId = `conn-${peerId}`): Member {
  return { peerId, connId, name: peerId.toUpperCase(), media: { audio: true, video: true }, joinedAt: ++joins };
}

let rooms = 0;
const freshRoom = () => `room-${++rooms}`;
const open = { expected: undefined, createWith: undefined };

/** The same expectations for both stores: the DynamoStore behaves exactly like the MemoryStore. */
const stores: Array<[string, () => SignalingStore]> = [
  ['MemoryStore', () => new MemoryStore()],
  ['DynamoStore', () => local.store],
];

describe.each(stores)('%s', (_name, makeStore) => {
  let store: SignalingStore;
  beforeAll(() => {
    store = makeStore();
  });

  it('a join returns the members already there, in join order', async () => {
    const room = freshRoom();
    expect(await store.addMember(room, member('ann'), 4, open)).toEqual({ ok: true, others: [], hasPassword: false });
    await store.addMember(room, member('bob'), 4, open);
    const third = await store.addMember(room, member('cid'), 4, open);
    expect(third.ok && third.others.map((m) => m.peerId)).toEqual(['ann', 'bob']);
    expect((await store.listMembers(room)).map((m) => m.peerId)).toEqual(['ann', 'bob', 'cid']);
  });

  it('join past capacity is refused with full', async () => {
    const room = freshRoom();
    await store.addMember(room, member('a1'), 2, open);
    await store.addMember(room, member('a2'), 2, open);
    expect(await store.addMember(room, member('a3'), 2, open)).toEqual({ ok: false, reason: 'full' });
    expect(await store.listMembers(room)).toHaveLength(2);
  });

  it('the first join sets the password; later joins must present the same hash', async () => {
    const room = freshRoom();
    const created = await store.addMember(room, member('p1'), 4, { expected: undefined, createWith: 'hash-1' });
    expect(created).toEqual({ ok: true, others: [], hasPassword: true });
    expect(await store.getPasswordHash(room)).toBe('hash-1');
    expect(await store.addMember(room, member('p2'), 4, { expected: undefined, createWith: 'other' })).toEqual({
      ok: false,
      reason: 'password-changed',
    });
    expect(await store.addMember(room, member('p3'), 4, { expected: 'hash-0', createWith: undefined })).toEqual({
      ok: false,
      reason: 'password-changed',
    });
    const joined = await store.addMember(room, member('p4'), 4, { expected: 'hash-1', createWith: undefined });
    expect(joined.ok && joined.hasPassword).toBe(true);
  });

  it('a room without a password refuses a joiner who expects one', async () => {
    const room = freshRoom();
    await store.addMember(room, member('q1'), 4, open);
    expect(await store.addMember(room, member('q2'), 4, { expected: 'hash', createWith: undefined })).toEqual({
      ok: false,
      reason: 'password-changed',
    });
  });

  it('an emptied room is gone: its password resets with the next first join', async () => {
    const room = freshRoom();
    await store.addMember(room, member('e1'), 4, { expected: undefined, createWith: 'old' });
    expect(await store.removeMember(room, 'e1')).toEqual([]);
    expect(await store.getPasswordHash(room)).toBeUndefined();
    expect(await store.listMembers(room)).toEqual([]);
    const again = await store.addMember(room, member('e2'), 4, { expected: undefined, createWith: undefined });
    expect(again).toEqual({ ok: true, others: [], hasPassword: false });
  });

  it('removeMember returns who is left, and is harmless for someone not there', async () => {
    const room = freshRoom();
    await store.addMember(room, member('r1'), 4, open);
    await store.addMember(room, member('r2'), 4, open);
    expect((await store.removeMember(room, 'r1')).map((m) => m.peerId)).toEqual(['r2']);
    expect((await store.removeMember(room, 'nobody')).map((m) => m.peerId)).toEqual(['r2']);
    expect(await store.removeMember(freshRoom(), 'nobody')).toEqual([]);
  });

  it('getMember, updateMedia and moveMember work on members only', async () => {
    const room = freshRoom();
    const m = member('g1');
    await store.addMember(room, m, 4, open);
    expect(await store.getMember(room, 'g1')).toEqual(m);
    expect(await store.getMember(room, 'g2')).toBeUndefined();
    expect(await store.updateMedia(room, 'g1', { audio: false, video: true })).toMatchObject({ media: { audio: false, video: true } });
    expect(await store.updateMedia(room, 'g2', { audio: false, video: false })).toBeUndefined();
    expect(await store.moveMember(room, 'g1', 'conn-new')).toBe(true);
    expect(await store.moveMember(room, 'g2', 'conn-new')).toBe(false);
    expect(await store.getMember(room, 'g1')).toMatchObject({ connId: 'conn-new', media: { audio: false, video: true } });
  });

  it('sessions are stored, found by peer id, and deleted', async () => {
    const session = { connId: `s-${rooms}`, peerId: `peer-s-${rooms}`, room: 'x', grant: { rooms: ['x'], publish: false } };
    await store.putSession(session);
    expect(await store.getSession(session.connId)).toEqual(session);
    expect(await store.findSessionByPeer(session.peerId)).toEqual(session);
    await store.deleteSession(session.connId);
    expect(await store.getSession(session.connId)).toBeUndefined();
    expect(await store.findSessionByPeer(session.peerId)).toBeUndefined();
  });

  it('the directory keeps names unique, case-insensitively, until their holder goes offline', async () => {
    const tag = `${++rooms}`;
    const ann = { peerId: `ann-${tag}`, connId: `c-ann-${tag}`, name: `Ann${tag}` };
    const bob = { peerId: `bob-${tag}`, connId: `c-bob-${tag}`, name: `Bob${tag}` };
    const first = await store.goOnline(ann);
    expect(first.ok && first.others.filter((e) => e.peerId === bob.peerId)).toEqual([]);
    const second = await store.goOnline(bob);
    expect(second.ok && second.others.find((e) => e.peerId === ann.peerId)).toEqual({ ...ann, busy: false });
    expect(await store.goOnline({ peerId: `imp-${tag}`, connId: 'c-imp', name: `ANN${tag}` })).toEqual({ ok: false });
    expect((await store.listOnline()).filter((e) => e.name.endsWith(tag)).map((e) => e.peerId)).toEqual([ann.peerId, bob.peerId]);
    await store.moveOnline(ann.peerId, 'c-ann-new');
    expect(await store.getOnline(ann.peerId)).toEqual({ ...ann, connId: 'c-ann-new', busy: false });
    expect(await store.goOffline(ann.peerId)).toBe(true);
    expect(await store.goOffline(ann.peerId)).toBe(false);
    expect(await store.getOnline(ann.peerId)).toBeUndefined();
    expect((await store.goOnline({ peerId: `new-${tag}`, connId: 'c-new', name: `ann${tag}` })).ok).toBe(true);
  });

  it('a call needs both sides free, rings, becomes active once, and ends once', async () => {
    const tag = `${++rooms}`;
    const [a, b, c] = ['a', 'b', 'c'].map((x) => `${x}-${tag}`) as [string, string, string];
    for (const peerId of [a, b, c]) await store.goOnline({ peerId, connId: `c-${peerId}`, name: `N${peerId}` });
    const call = { id: `call-${tag}`, caller: a, callee: b, state: 'ringing' as const, room: `call_${tag}`, createdAt: 1 };
    expect(await store.createCall(call)).toBe('ok');
    expect(await store.callOf(a)).toBe(call.id);
    expect(await store.callOf(c)).toBeUndefined();
    expect(await store.getOnline(b)).toMatchObject({ busy: true });
    expect(await store.createCall({ ...call, id: `x-${tag}`, caller: c, callee: b })).toBe('callee-busy');
    expect(await store.createCall({ ...call, id: `y-${tag}`, caller: a, callee: c })).toBe('caller-busy');
    expect(await store.getCall(call.id)).toEqual(call);
    expect(await store.activateCall(call.id)).toEqual({ ...call, state: 'active' });
    expect(await store.activateCall(call.id)).toBeUndefined();
    expect(await store.endCall(call.id)).toEqual({ ...call, state: 'active' });
    expect(await store.endCall(call.id)).toBeUndefined();
    expect(await store.getCall(call.id)).toBeUndefined();
    expect(await store.callOf(a)).toBeUndefined();
    expect(await store.getOnline(b)).toMatchObject({ busy: false });
  });

  it('pending entries: added, listed oldest first, capped (re-adding counts once), removed once', async () => {
    const room = freshRoom();
    const pending = (peerId: string, at: number) => ({ peerId, connId: `conn-${peerId}`, name: peerId, preparedAt: at });
    expect(await store.addPending(room, pending('p2', 2), 2, 60_000)).toBe(true);
    expect(await store.addPending(room, pending('p1', 1), 2, 60_000)).toBe(true);
    expect(await store.addPending(room, pending('p3', 3), 2, 60_000)).toBe(false);
    expect(await store.addPending(room, pending('p1', 1), 2, 60_000)).toBe(true);
    expect((await store.listPending(room)).map((p) => p.peerId)).toEqual(['p1', 'p2']);
    expect(await store.getPending(room, 'p2')).toEqual(pending('p2', 2));
    expect(await store.getPending(room, 'p3')).toBeUndefined();
    expect(await store.removePending(room, 'p2')).toBe(true);
    expect(await store.removePending(room, 'p2')).toBe(false);
    expect(await store.addPending(room, pending('p3', 3), 2, 60_000)).toBe(true);
    expect((await store.listPending(room)).map((p) => p.peerId)).toEqual(['p1', 'p3']);
  });

  it('pending entries are not members: not counted, not listed, and outlive an emptied room', async () => {
    const room = freshRoom();
    await store.addPending(room, { peerId: 'v', connId: 'conn-v', name: 'V', preparedAt: 1 }, 8, 60_000);
    expect(await store.listMembers(room)).toEqual([]);
    await store.addMember(room, member('m1'), 1, open);
    expect(await store.getMember(room, 'v')).toBeUndefined();
    await store.removeMember(room, 'm1');
    expect((await store.listPending(room)).map((p) => p.peerId)).toEqual(['v']);
  });
});

describe('DynamoStore rows', () => {
  it('every item carries the TTL attribute, 2 h 10 min ahead', async () => {
    const room = freshRoom();
    await local.store.addMember(room, member('t1'), 4, { expected: undefined, createWith: 'h' });
    await local.store.putSession({ connId: 'ttl-conn', peerId: 't1', room });
    const expected = Math.floor(clock / 1000) + aws.ROW_LIFETIME_S;
    const [roomItem] = (await local.dynamo.scan(local.tables.rooms)).filter((i) => i.room?.S === room);
    expect(roomItem?.[aws.TTL_ATTRIBUTE]?.N).toBe(String(expected));
    expect(roomItem?.members?.M?.t1?.M?.[aws.TTL_ATTRIBUTE]?.N).toBe(String(expected));
    const [sessionItem] = (await local.dynamo.scan(local.tables.connections)).filter((i) => i.connId?.S === 'ttl-conn');
    expect(sessionItem?.[aws.TTL_ATTRIBUTE]?.N).toBe(String(expected));
  });

  it('the last leave deletes the room item', async () => {
    const room = freshRoom();
    await local.store.addMember(room, member('d1'), 4, open);
    await local.store.removeMember(room, 'd1');
    expect((await local.dynamo.scan(local.tables.rooms)).filter((i) => i.room?.S === room)).toEqual([]);
  });

  it('a member past its expiry is not listed, and its place goes to the next joiner', async () => {
    const room = freshRoom();
    await local.store.addMember(room, member('old'), 2, open);
    clock += 60 * 60_000;
    await local.store.addMember(room, member('mid'), 2, open);
    clock += 70 * 60_000 + 1_000; // `old` joined 2 h 10 min ago: its connection must be closed
    expect((await local.store.listMembers(room)).map((m) => m.peerId)).toEqual(['mid']);
    expect(await local.store.getMember(room, 'old')).toBeUndefined();
    const joined = await local.store.addMember(room, member('new'), 2, open);
    expect(joined.ok && joined.others.map((m) => m.peerId)).toEqual(['mid']);
    const [item] = (await local.dynamo.scan(local.tables.rooms)).filter((i) => i.room?.S === room);
    expect(Object.keys(item?.members?.M ?? {}).sort()).toEqual(['mid', 'new']);
  });

  it('a room whose every member expired starts afresh, password included', async () => {
    const room = freshRoom();
    await local.store.addMember(room, member('x1'), 4, { expected: undefined, createWith: 'stale' });
    clock += (aws.ROW_LIFETIME_S + 1) * 1000;
    expect(await local.store.getPasswordHash(room)).toBeUndefined();
    expect(await local.store.addMember(room, member('x2'), 4, open)).toEqual({ ok: true, others: [], hasPassword: false });
  });

  it('an expired session counts as absent', async () => {
    await local.store.putSession({ connId: 'exp-conn', peerId: 'exp-peer' });
    clock += (aws.ROW_LIFETIME_S + 1) * 1000;
    expect(await local.store.getSession('exp-conn')).toBeUndefined();
    expect(await local.store.findSessionByPeer('exp-peer')).toBeUndefined();
  });

  it('a name whose holder expired can be taken, and an expired call frees both sides', async () => {
    await local.store.goOnline({ peerId: 'lost', connId: 'c-lost', name: 'Lost' });
    await local.store.goOnline({ peerId: 'ring', connId: 'c-ring', name: 'Ring' });
    expect(await local.store.createCall({ id: 'old-call', caller: 'lost', callee: 'ring', state: 'ringing', room: 'call_old', createdAt: 0 })).toBe('ok');
    clock += (aws.ROW_LIFETIME_S + 1) * 1000;
    expect(await local.store.getOnline('lost')).toBeUndefined();
    expect(await local.store.goOnline({ peerId: 'found', connId: 'c-found', name: 'lost' })).toEqual({ ok: true, others: [] });
    await local.store.goOnline({ peerId: 'ring2', connId: 'c-ring2', name: 'Ring2' });
    expect(await local.store.getCall('old-call')).toBeUndefined();
    expect(await local.store.createCall({ id: 'new-call', caller: 'found', callee: 'ring', state: 'ringing', room: 'call_new', createdAt: 0 })).toBe('ok');
  });

  it('a pending entry past its TTL is not listed, and frees its place under the cap', async () => {
    const room = freshRoom();
    await local.store.addPending(room, { peerId: 'old', connId: 'c-old', name: 'Old', preparedAt: 1 }, 1, 60_000);
    clock += 61_000;
    expect(await local.store.listPending(room)).toEqual([]);
    expect(await local.store.getPending(room, 'old')).toBeUndefined();
    expect(await local.store.addPending(room, { peerId: 'new', connId: 'c-new', name: 'New', preparedAt: 2 }, 1, 60_000)).toBe(true);
    expect((await local.store.listPending(room)).map((p) => p.peerId)).toEqual(['new']);
  });

  it('the store never scans', () => {
    expect(local.dynamo.operations.length).toBeGreaterThan(0);
    expect(new Set(local.dynamo.operations)).not.toContain('Scan');
    expect([...new Set(local.dynamo.operations)].sort()).toEqual(['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']);
  });
});
