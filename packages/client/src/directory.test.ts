import { ConfabError } from '@confab/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { directoryAnswer, dpeer, online, refusal } from '../test/directory-messages.js';
import { answer, connectedClient, sentMessage } from '../test/session.js';
import { ConfabClientError } from './errors.js';
import { REQUEST_TIMEOUT_MS } from './signaling.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('goOnline', () => {
  it('sends online with the name and resolves a Directory of self and everyone else online', async () => {
    const { client, socket } = await connectedClient();
    const going = client.goOnline('Ann');
    const request = await answer(socket, 'online', (rid) => directoryAnswer(rid, dpeer('ann'), [dpeer('bob'), dpeer('cat', true)]));
    expect(request).toMatchObject({ type: 'online', name: 'Ann' });
    const directory = await going;
    expect(directory.self).toEqual(dpeer('ann'));
    expect([...directory.peers.values()]).toEqual([dpeer('bob'), dpeer('cat', true)]);
    expect(directory.currentCall).toBeUndefined();
    expect(client.directory).toBe(directory);
  });

  it('a taken name rejects with NAME_TAKEN, and the client can try another name', async () => {
    const { client, socket } = await connectedClient();
    const going = client.goOnline('Ann');
    await answer(socket, 'online', (rid) => refusal('NAME_TAKEN', 'online', rid));
    await expect(going).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    expect(client.directory).toBeUndefined();

    const again = client.goOnline('Ann 2');
    await answer(socket, 'online', (rid) => directoryAnswer(rid, { id: 'ann', name: 'Ann 2', busy: false }), 2);
    expect((await again).self.name).toBe('Ann 2');
  });

  it('a refusal of online is not also emitted as a client error', async () => {
    const { client, socket } = await connectedClient();
    const errors: unknown[] = [];
    client.on('error', (err) => errors.push(err));
    const going = client.goOnline('\u0007');
    await answer(socket, 'online', (rid) => refusal('INVALID_NAME', 'online', rid));
    await expect(going).rejects.toBeInstanceOf(ConfabError);
    expect(errors).toEqual([]);
  });

  it('going online twice rejects with ALREADY_ONLINE without asking the server', async () => {
    const { client, socket } = await connectedClient();
    await online(client, socket);
    await expect(client.goOnline('Ann')).rejects.toMatchObject({ code: 'ALREADY_ONLINE' });
    expect(socket.sent.filter((m) => m.type === 'online')).toHaveLength(1);
  });

  it('an online that gets no answer rejects with REQUEST_TIMEOUT and is taken back with offline', async () => {
    vi.useFakeTimers();
    const { client, socket } = await connectedClient();
    const going = client.goOnline('Ann');
    const outcome = going.catch((err: unknown) => err);
    await sentMessage(socket, 'online');
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
    const err = await outcome;
    expect(err).toBeInstanceOf(ConfabClientError);
    expect(err).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    expect(socket.last).toMatchObject({ type: 'offline' });
  });

  it('rejects with CONNECTION_CLOSED once the client is closed', async () => {
    const { client } = await connectedClient();
    client.close();
    await expect(client.goOnline('Ann')).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });
});

describe('the live directory', () => {
  it('directory-update adds someone who came online, updates who got busy, and removes who left; each fires changed', async () => {
    const { client, socket } = await connectedClient();
    const directory = await online(client, socket, [dpeer('bob')]);
    const changed = vi.fn();
    directory.on('changed', changed);

    socket.receive({ type: 'directory-update', peer: dpeer('cat') });
    expect([...directory.peers.keys()]).toEqual(['bob', 'cat']);
    socket.receive({ type: 'directory-update', peer: dpeer('bob', true) });
    expect(directory.peers.get('bob')?.busy).toBe(true);
    socket.receive({ type: 'directory-update', removed: 'cat' });
    expect([...directory.peers.keys()]).toEqual(['bob']);
    expect(changed).toHaveBeenCalledTimes(3);
  });

  it('an update about yourself changes self, never the peers', async () => {
    const { client, socket } = await connectedClient();
    const directory = await online(client, socket, []);
    socket.receive({ type: 'directory-update', peer: dpeer('ann', true) });
    expect(directory.self.busy).toBe(true);
    expect(directory.peers.size).toBe(0);
  });

  it('findByName compares names as the server does: case and surrounding spaces do not matter', async () => {
    const { client, socket } = await connectedClient();
    const directory = await online(client, socket, [dpeer('bob'), { id: 'x1', name: 'Zoë', busy: false }]);
    expect(directory.findByName('bob')?.id).toBe('bob');
    expect(directory.findByName(' ZOË ')?.id).toBe('x1');
    expect(directory.findByName('Ann')).toBeUndefined();
    expect(directory.findByName('nobody')).toBeUndefined();
  });

  it('goOffline sends offline, emits closed once and removes every listener; closing again does nothing', async () => {
    const { client, socket } = await connectedClient();
    const directory = await online(client, socket);
    const closed = vi.fn();
    directory.on('closed', closed);
    directory.on('changed', () => {});

    client.goOffline();
    directory.close();
    expect(socket.sent.filter((m) => m.type === 'offline')).toHaveLength(1);
    expect(closed).toHaveBeenCalledTimes(1);
    expect(directory.closed).toBe(true);
    expect(client.directory).toBeUndefined();
    socket.receive({ type: 'directory-update', peer: dpeer('cat') });
    expect(directory.peers.has('cat')).toBe(false);
  });

  it('after going offline the client can go online again', async () => {
    const { client, socket } = await connectedClient();
    (await online(client, socket)).close();
    const again = client.goOnline('Ann');
    await answer(socket, 'online', (rid) => directoryAnswer(rid), 2);
    expect((await again).closed).toBe(false);
  });

  it('the server removing yourself closes the directory', async () => {
    const { client, socket } = await connectedClient();
    const directory = await online(client, socket);
    socket.receive({ type: 'directory-update', removed: 'ann' });
    expect(directory.closed).toBe(true);
    expect(socket.sent.filter((m) => m.type === 'offline')).toHaveLength(0);
  });

  it('closing the client closes the directory', async () => {
    const { client, socket } = await connectedClient();
    const directory = await online(client, socket);
    const closed = vi.fn();
    directory.on('closed', closed);
    client.close();
    expect(closed).toHaveBeenCalledTimes(1);
    expect(client.directory).toBeUndefined();
  });

  it('a dropped connection closes the directory', async () => {
    const { client, socket } = await connectedClient();
    const directory = await online(client, socket);
    socket.serverClose(1006);
    expect(directory.closed).toBe(true);
  });
});
