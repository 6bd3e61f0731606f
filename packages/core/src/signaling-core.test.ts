import { describe, expect, it } from 'vitest';
import { coreKit } from './test-kit.js';

describe('handshake', () => {
  it('hello is answered by welcome with a server-assigned id, the ICE servers and the request id', async () => {
    const k = coreKit({ iceServers: (id) => [{ urls: 'stun:stun.example:3478', username: id }] });
    await k.send('c1', { type: 'hello', v: 1, rid: 'r1' });
    expect(k.take('c1')).toEqual([
      {
        type: 'welcome',
        re: 'r1',
        v: 1,
        peerId: 'peer1',
        iceServers: [{ urls: 'stun:stun.example:3478', username: 'peer1' }],
        heartbeatMs: 5000,
        resumeToken: expect.stringMatching(/^[\w-]{22}\.[\w-]{43}$/),
        resumeGraceMs: 20000,
      },
    ]);
  });

  it('a wrong protocol version is refused with UNSUPPORTED_VERSION', async () => {
    const k = coreKit();
    await k.send('c1', { type: 'hello', v: 99, rid: 'a' });
    expect(k.last('c1')).toMatchObject({ type: 'error', code: 'UNSUPPORTED_VERSION', re: { type: 'hello', rid: 'a' } });
    expect(k.store.sessionCount).toBe(0);
  });

  it('a second hello is refused with ALREADY_HELLO and keeps the first id', async () => {
    const k = coreKit();
    await k.send('c1', { type: 'hello', v: 1 });
    await k.send('c1', { type: 'hello', v: 1 });
    const msgs = k.take('c1');
    expect(msgs[1]).toMatchObject({ type: 'error', code: 'ALREADY_HELLO' });
    expect((await k.store.getSession('c1'))?.peerId).toBe('peer1');
  });

  it.each([
    { type: 'join', room: 'r', name: 'Ann' },
    { type: 'leave' },
    { type: 'signal', to: 'peer1', data: { candidate: null } },
    { type: 'media', audio: true, video: false },
  ])('$type before hello is refused with HELLO_REQUIRED', async (msg) => {
    const k = coreKit();
    await k.send('c1', msg);
    expect(k.last('c1')).toMatchObject({ type: 'error', code: 'HELLO_REQUIRED', re: { type: msg.type } });
  });
});

describe('rooms', () => {
  it('join answers with joined listing the peers already there, and tells them peer-joined', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'standup', 'Ann');
    expect(k.take('a')).toEqual([
      { type: 'joined', room: 'standup', self: { id: ann, name: 'Ann', media: { audio: true, video: true } }, peers: [], maxPeers: 4, hasPassword: false },
    ]);
    await k.send('b', { type: 'hello', v: 1 });
    k.take('b');
    await k.send('b', { type: 'join', rid: 'j', room: 'standup', name: 'Bob', media: { audio: false, video: true } });
    const bob = { id: 'peer2', name: 'Bob', media: { audio: false, video: true } };
    expect(k.take('b')).toEqual([
      { type: 'joined', re: 'j', room: 'standup', self: bob, peers: [{ id: ann, name: 'Ann', media: { audio: true, video: true } }], maxPeers: 4, hasPassword: false },
    ]);
    expect(k.take('a')).toEqual([{ type: 'peer-joined', peer: bob }]);
  });

  it('join past capacity rejects with ROOM_FULL and leaves the members undisturbed', async () => {
    const k = coreKit({ maxPeers: 2 });
    await k.enter('a', 'r');
    await k.enter('b', 'r');
    k.take('a');
    await k.enter('c', 'r');
    expect(k.last('c')).toMatchObject({ type: 'error', code: 'ROOM_FULL', re: { type: 'join' } });
    expect(k.take('a')).toEqual([]);
    expect(await k.store.listMembers('r')).toHaveLength(2);
    expect((await k.store.getSession('c'))?.room).toBeUndefined();
  });

  it('concurrent joins never exceed capacity', async () => {
    const k = coreKit({ maxPeers: 4 });
    const conns = Array.from({ length: 20 }, (_, i) => `c${i}`);
    await Promise.all(conns.map((c) => k.send(c, { type: 'hello', v: 1 })));
    await Promise.all(conns.map((c) => k.send(c, { type: 'join', room: 'r', name: c })));
    expect(await k.store.listMembers('r')).toHaveLength(4);
    const full = conns.filter((c) => k.take(c).some((m) => m.type === 'error' && m.code === 'ROOM_FULL'));
    expect(full).toHaveLength(16);
  });

  it('joining twice is refused with ALREADY_IN_ROOM', async () => {
    const k = coreKit();
    await k.enter('a', 'r1');
    await k.send('a', { type: 'join', room: 'r2', name: 'Ann' });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'ALREADY_IN_ROOM' });
    expect(await k.store.listMembers('r2')).toEqual([]);
  });

  it('leave answers left, tells the others peer-left (left), and an emptied room is deleted', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r');
    await k.enter('b', 'r');
    k.take('a');
    k.take('b');
    await k.send('a', { type: 'leave', rid: 'x' });
    expect(k.take('a')).toEqual([{ type: 'left', re: 'x', room: 'r' }]);
    expect(k.take('b')).toEqual([{ type: 'peer-left', peerId: ann, reason: 'left' }]);
    expect(k.store.roomCount).toBe(1);
    await k.send('b', { type: 'leave' });
    expect(k.store.roomCount).toBe(0);
  });

  it('a peer who left can join another room', async () => {
    const k = coreKit();
    await k.enter('a', 'r1');
    await k.send('a', { type: 'leave' });
    await k.send('a', { type: 'join', room: 'r2', name: 'Ann' });
    expect(k.last('a')).toMatchObject({ type: 'joined', room: 'r2' });
  });

  it('leave outside a room is refused with NOT_IN_ROOM', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'leave', rid: '9' });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'NOT_IN_ROOM', re: { type: 'leave', rid: '9' } });
  });

  it('disconnect removes the peer, tells the others peer-left (disconnected) and forgets the session', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r');
    await k.enter('b', 'r');
    k.take('b');
    await k.core.disconnect('a');
    expect(k.take('b')).toEqual([{ type: 'peer-left', peerId: ann, reason: 'disconnected' }]);
    expect(await k.store.getSession('a')).toBeUndefined();
    await k.core.disconnect('b');
    expect(k.store.roomCount).toBe(0);
    expect(k.store.sessionCount).toBe(0);
  });

  it('media updates reach the others as peer-updated', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r', 'Ann');
    await k.enter('b', 'r');
    k.take('a');
    k.take('b');
    await k.send('a', { type: 'media', audio: false, video: true });
    expect(k.take('b')).toEqual([{ type: 'peer-updated', peer: { id: ann, name: 'Ann', media: { audio: false, video: true } } }]);
    expect(k.take('a')).toEqual([]);
  });
});

describe('relay', () => {
  const offer = { description: { type: 'offer', sdp: 'v=0\r\n' } };

  it('relays a signal to a peer in the same room with from stamped by the server', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r');
    const bob = await k.enter('b', 'r');
    k.take('a');
    k.take('b');
    await k.send('a', { type: 'signal', to: bob, data: offer });
    await k.send('a', { type: 'signal', to: bob, data: { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } } });
    expect(k.take('b')).toEqual([
      { type: 'signal', from: ann, data: offer },
      { type: 'signal', from: ann, data: { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } } },
    ]);
    expect(k.take('a')).toEqual([]);
  });

  it('a candidate signal goes out as JSON text, byte for byte what serialising the message writes', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r');
    const bob = await k.enter('b', 'r');
    k.take('b');
    const data = { candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'EsVy' } };
    await k.send('a', { type: 'signal', to: bob, data });
    await k.send('a', { type: 'signal', to: bob, data: offer });
    expect(k.json).toEqual([JSON.stringify({ type: 'signal', from: ann, data })]);
    expect(k.take('b')).toEqual([
      { type: 'signal', from: ann, data },
      { type: 'signal', from: ann, data: offer },
    ]);
  });

  it('a candidate signal with a repeated key goes the ordinary way, relayed as the parser reads it', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r');
    const bob = await k.enter('b', 'r');
    k.take('b');
    await k.send('a', `{"type":"signal","to":"${bob}","data":{"candidate":{"candidate":"unchecked"}},"data":{"candidate":null}}`);
    expect(k.json).toEqual([]);
    expect(k.take('b')).toEqual([{ type: 'signal', from: ann, data: { candidate: null } }]);
  });

  it('a signal to a peer in another room is refused with PEER_NOT_FOUND and not delivered', async () => {
    const k = coreKit();
    await k.enter('a', 'r1');
    const bob = await k.enter('b', 'r2');
    k.take('b');
    await k.send('a', { type: 'signal', rid: 's', to: bob, data: offer });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND', re: { type: 'signal', rid: 's' } });
    expect(k.take('b')).toEqual([]);
  });

  it('a signal from outside any room is refused with NOT_IN_ROOM', async () => {
    const k = coreKit();
    const bob = await k.enter('b', 'r');
    await k.send('a', { type: 'hello', v: 1 });
    await k.send('a', { type: 'signal', to: bob, data: offer });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'NOT_IN_ROOM' });
  });

  it('a signal to oneself is refused with PEER_NOT_FOUND', async () => {
    const k = coreKit();
    const ann = await k.enter('a', 'r');
    await k.send('a', { type: 'signal', to: ann, data: offer });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND' });
  });

  it('a client cannot choose `from`: the field is refused as INVALID_MESSAGE', async () => {
    const k = coreKit();
    await k.enter('a', 'r');
    const bob = await k.enter('b', 'r');
    k.take('b');
    await k.send('a', { type: 'signal', to: bob, from: 'someone-else', data: offer });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE' });
    expect(k.take('b')).toEqual([]);
  });

  it('a peer that left the room no longer receives signals', async () => {
    const k = coreKit();
    await k.enter('a', 'r');
    const bob = await k.enter('b', 'r');
    await k.send('b', { type: 'leave' });
    k.take('b');
    await k.send('a', { type: 'signal', to: bob, data: offer });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'PEER_NOT_FOUND' });
    expect(k.take('b')).toEqual([]);
  });
});

describe('robustness', () => {
  it('messages from one connection are handled in the order they arrived', async () => {
    const k = coreKit();
    await k.enter('b', 'r');
    const sent = [
      k.send('a', { type: 'hello', v: 1 }),
      k.send('a', { type: 'join', room: 'r', name: 'Ann' }),
      k.send('a', '{oops'),
      k.send('a', { type: 'signal', to: 'peer1', data: { candidate: null } }),
    ];
    await Promise.all(sent);
    expect(k.take('a').map((m) => m.type)).toEqual(['welcome', 'joined', 'error']);
    expect(k.take('b').map((m) => m.type)).toEqual(['joined', 'peer-joined', 'signal']);
  });

  it('a delivery that throws does not stop the others from being told', async () => {
    const delivered: string[] = [];
    const k = coreKit({
      deliver: (connId, msg) => {
        if (connId === 'b') throw new Error('socket gone');
        if (msg.type === 'peer-joined') delivered.push(connId);
      },
    });
    await k.enter('a', 'r');
    await k.enter('b', 'r');
    await k.enter('c', 'r');
    await k.enter('d', 'r');
    // b's socket throws on every delivery; a hears of b, c and d joining, c hears of d.
    expect(delivered.sort()).toEqual(['a', 'a', 'a', 'c']);
    expect(await k.store.listMembers('r')).toHaveLength(4);
  });

  it('a store failure answers INTERNAL_ERROR and the server keeps serving', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    k.take('a');
    const original = k.store.addMember.bind(k.store);
    k.store.addMember = async () => {
      throw new Error('store down');
    };
    await k.send('a', { type: 'join', room: 'r', name: 'Ann', rid: '1' });
    expect(k.last('a')).toMatchObject({ type: 'error', code: 'INTERNAL_ERROR', re: { type: 'join', rid: '1' } });
    k.store.addMember = original;
    await k.send('a', { type: 'join', room: 'r', name: 'Ann' });
    expect(k.last('a')).toMatchObject({ type: 'joined' });
  });
});

describe('keepalive', () => {
  /** The connection's queue lets go of its last task a few microtasks after it settles. */
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("the SDK's ping is answered pong straight from its text, the same answer the handler gives", async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    k.take('a');
    await settled();
    await k.send('a', { type: 'ping' });
    expect(k.json).toEqual([JSON.stringify({ type: 'pong' })]);
    expect(k.take('a')).toEqual([{ type: 'pong' }]);
  });

  it('a ping with a request id, other spacing or before hello goes the ordinary way', async () => {
    const k = coreKit();
    await k.send('a', { type: 'ping' });
    expect(k.take('a')).toEqual([expect.objectContaining({ type: 'error', code: 'HELLO_REQUIRED' })]);
    await k.send('a', { type: 'hello', v: 1 });
    k.take('a');
    await settled();
    await k.send('a', { type: 'ping', rid: 'x' });
    await k.send('a', '{ "type": "ping" }');
    expect(k.take('a')).toEqual([{ type: 'pong', re: 'x' }, { type: 'pong' }]);
    expect(k.json).toEqual([]);
  });

  it('a ping behind an unfinished message of the same connection is answered after it, in order', async () => {
    const k = coreKit();
    await k.send('a', { type: 'hello', v: 1 });
    k.take('a');
    const join = k.send('a', { type: 'join', room: 'r', name: 'Ann' });
    const ping = k.send('a', { type: 'ping' });
    await Promise.all([join, ping]);
    expect(k.take('a').map((m) => m.type)).toEqual(['joined', 'pong']);
  });
});
