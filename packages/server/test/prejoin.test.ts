import { describe, expect, it } from 'vitest';
import { useTestServer } from './test-server.js';

const server = useTestServer();
const { boot } = server;
const client = () => server.client();

describe('prepared join over ws', () => {
  it('a lobby visitor prepares, exchanges signals with the member, then joins with peer-joined', async () => {
    await boot();
    const ann = await client();
    const vic = await client();
    const annId = await ann.enter('r1', 'Ann');
    const vicId = await vic.hello();
    vic.send({ type: 'prepare', rid: 'p1', room: 'r1', name: 'Vic' });
    expect(await vic.next('prepared')).toEqual({
      type: 'prepared',
      re: 'p1',
      room: 'r1',
      peers: [{ id: annId, name: 'Ann', media: { audio: true, video: true } }],
      maxPeers: 4,
    });
    expect(await ann.next('peer-preparing')).toEqual({ type: 'peer-preparing', peer: { id: vicId, name: 'Vic' } });

    vic.send({ type: 'signal', to: annId, data: { description: { type: 'offer', sdp: 'v=0\r\n' } } });
    expect(await ann.next('signal')).toEqual({ type: 'signal', from: vicId, data: { description: { type: 'offer', sdp: 'v=0\r\n' } } });
    ann.send({ type: 'signal', to: vicId, data: { description: { type: 'answer', sdp: 'v=0\r\n' } } });
    expect(await vic.next('signal')).toMatchObject({ from: annId });

    vic.send({ type: 'join', room: 'r1', name: 'Vic' });
    expect((await vic.next('joined')).peers.map((p) => p.id)).toEqual([annId]);
    expect((await ann.next('peer-joined')).peer.id).toBe(vicId);
    expect(ann.drain().filter((m) => m.type === 'peer-unprepared')).toEqual([]);
  });

  it('a visitor whose socket closes is announced peer-unprepared, and can no longer be signalled', async () => {
    await boot();
    const ann = await client();
    const vic = await client();
    await ann.enter('r1', 'Ann');
    const vicId = await vic.hello();
    vic.send({ type: 'prepare', room: 'r1', name: 'Vic' });
    await vic.next('prepared');
    await ann.next('peer-preparing');
    vic.ws.terminate();
    expect(await ann.next('peer-unprepared')).toEqual({ type: 'peer-unprepared', peerId: vicId });
    ann.send({ type: 'signal', to: vicId, data: { candidate: null } });
    expect(await ann.next('error')).toMatchObject({ code: 'PEER_NOT_FOUND' });
  });

  it('a full room answers prepare with ROOM_FULL', async () => {
    await boot({ MAX_PEERS: '1' });
    const ann = await client();
    const vic = await client();
    await ann.enter('r1', 'Ann');
    await vic.hello();
    vic.send({ type: 'prepare', room: 'r1', name: 'Vic' });
    expect(await vic.next('error')).toMatchObject({ code: 'ROOM_FULL', re: { type: 'prepare' } });
  });

  it('with PREJOIN=off, prepare is refused with PREJOIN_DISABLED and join works as ever', async () => {
    await boot({ PREJOIN: 'off' });
    const ann = await client();
    const vic = await client();
    await ann.enter('r1', 'Ann');
    await vic.hello();
    vic.send({ type: 'prepare', rid: 'x', room: 'r1', name: 'Vic' });
    expect(await vic.next('error')).toMatchObject({ code: 'PREJOIN_DISABLED', re: { type: 'prepare', rid: 'x' } });
    expect(ann.drain()).toEqual([]);
    vic.send({ type: 'join', room: 'r1', name: 'Vic' });
    await vic.next('joined');
  });
});
