import type { ServerMessage } from '@confab/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBundle, type AwsBundle } from './bundle.js';
import { loadTemplate } from './template.js';

type WebSocketEvent = Parameters<ReturnType<AwsBundle['createHandler']>>[0];

const DOMAIN = 'abc123.execute-api.eu-west-1.amazonaws.com';
const MAX_PEERS = 4;

let aws: AwsBundle;
let cleanup: () => Promise<void>;
let local: Awaited<ReturnType<AwsBundle['startLocalAws']>>;
let handler: ReturnType<AwsBundle['createHandler']>;

/** A handler over the local DynamoDB and API Gateway, with `options` on top. */
const localHandler = (options: Partial<Parameters<AwsBundle['createHandler']>[0]> = {}) =>
  aws.createHandler({
    store: local.store,
    callbackUrl: local.api.callbackUrl,
    managementClient: (endpoint) => local.api.client(endpoint),
    ...options,
  });

beforeAll(async () => {
  ({ aws, cleanup } = await loadBundle());
  local = await aws.startLocalAws(await loadTemplate());
  handler = localHandler({ maxPeers: MAX_PEERS, heartbeatMs: aws.LAMBDA_HEARTBEAT_MS });
});

afterAll(async () => {
  await local?.stop();
  await cleanup?.();
});

let ids = 0;
/** A connection id like API Gateway's (base64-ish), unique per test. */
const connId = (label: string) => `${label}${++ids}Ab+/=`;

function event(routeKey: string, connectionId: string, extra: Partial<WebSocketEvent> = {}): WebSocketEvent {
  return { requestContext: { routeKey, connectionId, domainName: DOMAIN, stage: 'test' }, ...extra };
}

const connect = (id: string) => handler(event('$connect', id, { headers: { Origin: 'https://app.example' } }));
const send = (id: string, msg: object | string) =>
  handler(event('$default', id, { body: typeof msg === 'string' ? msg : JSON.stringify(msg), isBase64Encoded: false }));
const drop = (id: string) => handler(event('$disconnect', id));
const inbox = (id: string): ServerMessage[] => local.api.inbox(id);
const last = (id: string) => inbox(id).at(-1);
/** The message that answers the request with this rid. */
const answerTo = (id: string, rid: string) =>
  inbox(id).find((m) => ('re' in m && m.re === rid) || (m.type === 'error' && m.re?.rid === rid));

/** $connect + hello; returns the peer id from welcome. */
async function hello(id: string): Promise<string> {
  expect(await connect(id)).toEqual({ statusCode: 200 });
  await send(id, { type: 'hello', v: 1 });
  const welcome = last(id);
  if (welcome?.type !== 'welcome') throw new Error(`no welcome for ${id}: ${JSON.stringify(welcome)}`);
  return welcome.peerId;
}

/** $connect + hello + join; returns the peer id. */
async function enter(id: string, room: string, extra: object = {}): Promise<string> {
  const peerId = await hello(id);
  await send(id, { type: 'join', room, name: id.slice(0, 8), ...extra });
  expect(last(id)?.type).toBe('joined');
  return peerId;
}

const OFFER = { description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } };

describe('the Lambda handler over DynamoDB and API Gateway', () => {
  it('two connections join and relay a signal, with from stamped by the server', async () => {
    const ann = connId('ann');
    const bob = connId('bob');
    const annId = await enter(ann, 'relay');
    expect(inbox(ann)[0]).toMatchObject({ type: 'welcome', heartbeatMs: aws.LAMBDA_HEARTBEAT_MS });
    const bobId = await hello(bob);
    await send(bob, { type: 'join', room: 'relay', name: 'Bob', rid: 'j1' });
    expect(last(bob)).toMatchObject({ type: 'joined', re: 'j1', room: 'relay', peers: [{ id: annId }], maxPeers: MAX_PEERS });
    expect(last(ann)).toEqual({ type: 'peer-joined', peer: { id: bobId, name: 'Bob', media: { audio: true, video: true } } });

    await send(bob, { type: 'signal', to: annId, data: OFFER });
    expect(last(ann)).toEqual({ type: 'signal', from: bobId, data: OFFER });

    await send(bob, { type: 'signal', to: annId, from: annId, data: OFFER });
    expect(last(bob)).toMatchObject({ type: 'error', code: 'INVALID_MESSAGE' });
    expect(last(ann)).toEqual({ type: 'signal', from: bobId, data: OFFER });
  });

  it('20 concurrent joins fill a room of 4 exactly; the other 16 get ROOM_FULL', async () => {
    const conns = Array.from({ length: 20 }, () => connId('rush'));
    await Promise.all(conns.map((c) => hello(c)));
    await Promise.all(conns.map((c) => send(c, { type: 'join', room: 'rush', name: 'Rusher', rid: 'rush' })));
    const answers = conns.map((c) => answerTo(c, 'rush'));
    const joined = answers.filter((m) => m?.type === 'joined');
    const full = answers.filter((m) => m?.type === 'error' && m.code === 'ROOM_FULL');
    expect(joined).toHaveLength(MAX_PEERS);
    expect(full).toHaveLength(20 - MAX_PEERS);
    const members = await local.store.listMembers('rush');
    expect(members.map((m) => m.peerId).sort()).toEqual(joined.map((m) => (m.type === 'joined' ? m.self.id : '')).sort());
    // Each joiner saw exactly those who joined before it.
    expect(joined.map((m) => (m.type === 'joined' ? m.peers.length : -1)).sort()).toEqual([0, 1, 2, 3]);
  });

  it('$disconnect tells the others peer-left and removes the rows', async () => {
    const ann = connId('ann');
    const bob = connId('bob');
    const annId = await enter(ann, 'leaving');
    const bobId = await enter(bob, 'leaving');
    expect(await drop(bob)).toEqual({ statusCode: 200 });
    expect(last(ann)).toEqual({ type: 'peer-left', peerId: bobId, reason: 'disconnected' });
    expect(await local.store.getSession(bob)).toBeUndefined();
    expect((await local.store.listMembers('leaving')).map((m) => m.peerId)).toEqual([annId]);
    expect(await drop(bob)).toEqual({ statusCode: 200 });
  });

  it('a 410 on one member cleans up exactly that member, never the sender', async () => {
    const ann = connId('ann');
    const bob = connId('bob');
    const cid = connId('cid');
    const annId = await enter(ann, 'stale');
    const bobId = await enter(bob, 'stale');
    const cidId = await enter(cid, 'stale');
    local.api.gone.add(bob); // bob's connection vanished without a $disconnect

    await send(ann, { type: 'media', audio: false, video: true });
    expect(local.api.goneHits).toContain(bob);
    expect(inbox(ann).slice(-1)).toEqual([{ type: 'peer-left', peerId: bobId, reason: 'disconnected' }]);
    expect(inbox(cid).slice(-2)).toEqual([
      { type: 'peer-updated', peer: { id: annId, name: ann.slice(0, 8), media: { audio: false, video: true } } },
      { type: 'peer-left', peerId: bobId, reason: 'disconnected' },
    ]);
    expect(await local.store.getSession(bob)).toBeUndefined();
    expect(await local.store.getSession(ann)).toMatchObject({ peerId: annId, room: 'stale' });
    expect((await local.store.listMembers('stale')).map((m) => m.peerId)).toEqual([annId, cidId]);
  });

  it('a signal to a gone peer answers the sender with peer-left, not an error', async () => {
    const dan = connId('dan');
    const eve = connId('eve');
    const danId = await enter(dan, 'gone-signal');
    const eveId = await enter(eve, 'gone-signal');
    local.api.gone.add(eve);
    await send(dan, { type: 'signal', to: eveId, data: OFFER });
    expect(last(dan)).toEqual({ type: 'peer-left', peerId: eveId, reason: 'disconnected' });
    expect(await local.store.getSession(dan)).toMatchObject({ room: 'gone-signal' });
    expect((await local.store.listMembers('gone-signal')).map((m) => m.peerId)).toEqual([danId]);
  });

  it('a 410 on the reply to the sender itself cleans up the sender', async () => {
    const fay = connId('fay');
    const gus = connId('gus');
    const fayId = await enter(fay, 'self-gone');
    const gusId = await enter(gus, 'self-gone');
    local.api.gone.add(gus);
    await send(gus, { type: 'ping', rid: 'p' });
    expect(last(fay)).toEqual({ type: 'peer-left', peerId: gusId, reason: 'disconnected' });
    expect((await local.store.listMembers('self-gone')).map((m) => m.peerId)).toEqual([fayId]);
  });

  it('the directory works through the Lambda: online, seen by others, gone on $disconnect', async () => {
    const ivy = connId('ivy');
    const jon = connId('jon');
    const ivyId = await hello(ivy);
    const jonId = await hello(jon);
    await send(ivy, { type: 'online', name: 'Ivy', rid: 'o' });
    expect(last(ivy)).toMatchObject({ type: 'directory', re: 'o', self: { id: ivyId, name: 'Ivy', busy: false } });
    await send(jon, { type: 'online', name: 'Jon', rid: 'o' });
    expect(last(jon)).toMatchObject({ type: 'directory', peers: expect.arrayContaining([{ id: ivyId, name: 'Ivy', busy: false }]) });
    expect(last(ivy)).toEqual({ type: 'directory-update', peer: { id: jonId, name: 'Jon', busy: false } });
    await drop(jon);
    expect(last(ivy)).toEqual({ type: 'directory-update', removed: jonId });
    expect(await local.store.getOnline(jonId)).toBeUndefined();
  });

  it('a client that reconnects before its $disconnect gets its seat back on the new connection', async () => {
    const kim = connId('kim');
    const leo = connId('leo');
    const kimId = await enter(kim, 'resume');
    const leoId = await enter(leo, 'resume');
    const token = (inbox(kim)[0] as { resumeToken?: string }).resumeToken;
    expect(token).toBeTruthy();
    const kim2 = connId('kim');
    await connect(kim2);
    await send(kim2, { type: 'hello', v: 1, resume: { peerId: kimId, token } });
    expect(last(kim2)).toMatchObject({ type: 'welcome', peerId: kimId, resumed: 'seat', room: 'resume' });
    await drop(kim); // the old connection's late $disconnect changes nothing
    await send(leo, { type: 'signal', to: kimId, data: OFFER });
    expect(last(kim2)).toEqual({ type: 'signal', from: leoId, data: OFFER });
    expect((await local.store.listMembers('resume')).map((m) => [m.peerId, m.connId])).toEqual([
      [kimId, kim2],
      [leoId, leo],
    ]);
  });

  it('with a resume secret, a client that reconnects after its $disconnect keeps its peer id', async () => {
    const secret = 'r'.repeat(32);
    const withSecret = localHandler({ resumeSecret: secret });
    const mia = connId('mia');
    await withSecret(event('$default', mia, { body: JSON.stringify({ type: 'hello', v: 1 }) }));
    const { peerId, resumeToken } = last(mia) as { peerId: string; resumeToken: string };
    await withSecret(event('$disconnect', mia));
    const mia2 = connId('mia');
    await withSecret(event('$default', mia2, { body: JSON.stringify({ type: 'hello', v: 1, resume: { peerId, token: resumeToken } }) }));
    expect(last(mia2)).toMatchObject({ type: 'welcome', peerId, resumed: 'id' });
  });

  it('a lobby prepares its join through the Lambda; with PREJOIN off it is refused', async () => {
    const room = `prep-${ids}`;
    const ann = connId('ann');
    const annId = await enter(ann, room);
    const vic = connId('vic');
    const vicId = await hello(vic);
    await send(vic, { type: 'prepare', room, name: 'vic', rid: 'p1' });
    expect(answerTo(vic, 'p1')).toMatchObject({ type: 'prepared', room, peers: [{ id: annId }] });
    expect(inbox(ann).find((m) => m.type === 'peer-preparing')).toMatchObject({ peer: { id: vicId, name: 'vic' } });

    const closed = localHandler({ prejoin: false });
    const wen = connId('wen');
    await closed(event('$default', wen, { body: JSON.stringify({ type: 'hello', v: 1 }) }));
    await closed(event('$default', wen, { body: JSON.stringify({ type: 'prepare', room, name: 'wen', rid: 'p2' }) }));
    expect(answerTo(wen, 'p2')).toMatchObject({ type: 'error', code: 'PREJOIN_DISABLED' });
  });

  it('every bad message is answered with its code', async () => {
    const solo = connId('solo');
    expect(await connect(solo)).toEqual({ statusCode: 200 });
    const answer = async (id: string, e: WebSocketEvent | object | string): Promise<ServerMessage[]> => {
      const before = inbox(id).length;
      if (typeof e === 'object' && 'requestContext' in e) await handler(e);
      else await send(id, e);
      return inbox(id).slice(before);
    };
    const expectCode = async (id: string, e: WebSocketEvent | object | string, code: string) => {
      const got = await answer(id, e);
      expect(got, `${code} for ${JSON.stringify(e).slice(0, 80)}`).toEqual([expect.objectContaining({ type: 'error', code })]);
    };

    await expectCode(solo, event('$default', solo, { body: 'AAEC', isBase64Encoded: true }), 'BINARY_NOT_SUPPORTED');
    await expectCode(solo, `{"type":"ping","pad":"${'x'.repeat(64 * 1024)}"}`, 'MESSAGE_TOO_LARGE');
    await expectCode(solo, event('$default', solo, {}), 'INVALID_JSON');
    await expectCode(solo, 'not json', 'INVALID_JSON');
    await expectCode(solo, '[[[[[[[[[[[[1]]]]]]]]]]]]', 'INVALID_JSON');
    await expectCode(solo, '[]', 'INVALID_MESSAGE');
    await expectCode(solo, { type: 'teleport' }, 'UNKNOWN_TYPE');
    await expectCode(solo, { type: 'leave' }, 'HELLO_REQUIRED');
    await expectCode(solo, { type: 'hello', v: 99 }, 'UNSUPPORTED_VERSION');
    await expectCode(solo, { type: 'hello', v: 1, extra: true }, 'INVALID_MESSAGE');
    expect(await answer(solo, { type: 'hello', v: 1 })).toEqual([expect.objectContaining({ type: 'welcome' })]);
    await expectCode(solo, { type: 'hello', v: 1 }, 'ALREADY_HELLO');
    await expectCode(solo, { type: 'join', room: 'bad room!', name: 'Solo' }, 'INVALID_ROOM');
    await expectCode(solo, { type: 'join', room: 'fine', name: '' }, 'INVALID_NAME');
    await expectCode(solo, { type: 'leave' }, 'NOT_IN_ROOM');
    await expectCode(solo, { type: 'media', audio: true, video: true }, 'NOT_IN_ROOM');
    await expectCode(solo, { type: 'signal', to: 'somebody', data: OFFER }, 'NOT_IN_ROOM');

    const owner = connId('own');
    await enter(owner, 'locked', { password: 'open sesame' });
    await expectCode(solo, { type: 'join', room: 'locked', name: 'Solo' }, 'PASSWORD_REQUIRED');
    await expectCode(solo, { type: 'join', room: 'locked', name: 'Solo', password: 'guess' }, 'WRONG_PASSWORD');
    expect(await answer(solo, { type: 'join', room: 'locked', name: 'Solo', password: 'open sesame' })).toEqual([
      expect.objectContaining({ type: 'joined', hasPassword: true }),
    ]);
    await expectCode(solo, { type: 'join', room: 'other', name: 'Solo' }, 'ALREADY_IN_ROOM');
    await expectCode(solo, { type: 'signal', to: 'nobody-here', data: OFFER }, 'PEER_NOT_FOUND');

    const fullRoom = Array.from({ length: MAX_PEERS }, () => connId('fill'));
    for (const c of fullRoom) await enter(c, 'packed');
    const late = connId('late');
    await hello(late);
    await expectCode(late, { type: 'join', room: 'packed', name: 'Late' }, 'ROOM_FULL');
  });

  it('$connect refuses an Origin that is not allowed', async () => {
    const strict = aws.createHandler({ store: local.store, allowedOrigins: ['https://app.example'] });
    const at = (headers: Record<string, string> | undefined) => strict(event('$connect', connId('o'), { headers }));
    expect(await at({ Origin: 'https://app.example' })).toEqual({ statusCode: 200 });
    expect(await at({ origin: 'https://app.example' })).toEqual({ statusCode: 200 });
    expect((await at({ Origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await at(undefined)).statusCode).toBe(403);
  });

  it('posts to https://{domainName}/{stage} unless a callback URL is configured', async () => {
    const endpoints: string[] = [];
    const plain = aws.createHandler({
      store: local.store,
      managementClient: (endpoint) => {
        endpoints.push(endpoint);
        return local.api.client(local.api.callbackUrl);
      },
    });
    const id = connId('cb');
    await plain(event('$default', id, { body: JSON.stringify({ type: 'hello', v: 1 }) }));
    expect(endpoints).toEqual([`https://${DOMAIN}/test`]);
    expect(last(id)?.type).toBe('welcome');
    expect(aws.callbackUrlOf(event('$default', id))).toBe(`https://${DOMAIN}/test`);
    await plain(event('$disconnect', id));
  });

  it('every row written carries the TTL attribute', async () => {
    const nowS = Math.floor(Date.now() / 1000);
    const sessions = await local.dynamo.scan(local.tables.connections);
    const rooms = await local.dynamo.scan(local.tables.rooms);
    expect(sessions.length).toBeGreaterThan(10);
    expect(rooms.length).toBeGreaterThan(3);
    for (const item of [...sessions, ...rooms]) {
      expect(Number(item[aws.TTL_ATTRIBUTE]?.N), JSON.stringify(item)).toBeGreaterThan(nowS);
    }
    for (const room of rooms) {
      for (const entry of Object.values(room.members?.M ?? {})) {
        expect(Number(entry.M?.[aws.TTL_ATTRIBUTE]?.N)).toBeGreaterThan(nowS);
      }
    }
  });

  it('the message path never scans: items by key, and a Query on the byPeer index to resume', () => {
    const used = new Set(local.dynamo.operations);
    expect(used).not.toContain('Scan');
    expect([...used].sort()).toEqual(['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem']);
  });
});
