import type { ClientMessage } from '@confab/protocol';
import { describe, expect, it, vi } from 'vitest';
import { directoryAnswer, dpeer, incomingCall } from '../test/directory-messages.js';
import { DirectoryManager } from './directory-manager.js';

/** A manager whose sends are recorded; the test plays the server through `handle()`. */
function manager(): { directories: DirectoryManager; sent: ClientMessage[] } {
  const sent: ClientMessage[] = [];
  const directories = new DirectoryManager({
    send: (msg) => {
      sent.push(msg);
      return true;
    },
    join: () => Promise.reject(new Error('no rooms in this test')),
  });
  return { directories, sent };
}

async function goOnline(directories: DirectoryManager, sent: ClientMessage[]) {
  const going = directories.goOnline('Ann');
  const online = sent.findLast((m) => m.type === 'online');
  directories.handle(directoryAnswer(online?.rid, dpeer('ann'), [dpeer('bob')]));
  return going;
}

describe('DirectoryManager', () => {
  it('after the connection dropped while online, going online again first sends offline', async () => {
    const { directories, sent } = manager();
    const directory = await goOnline(directories, sent);
    directories.close();
    expect(directory.closed).toBe(true);
    expect(directories.directory).toBeUndefined();

    const again = await goOnline(directories, sent);
    expect(sent.map((m) => m.type)).toEqual(['online', 'offline', 'online']);
    expect(again.closed).toBe(false);
  });

  it('once the connection is back after a drop, offline is sent at once, and only once', async () => {
    const { directories, sent } = manager();
    await goOnline(directories, sent);
    directories.close();
    directories.handleReconnected();
    directories.handleReconnected();
    expect(sent.map((m) => m.type)).toEqual(['online', 'offline']);
  });

  it('a drop while offline sends nothing when the connection is back', () => {
    const { directories, sent } = manager();
    directories.close();
    directories.handleReconnected();
    expect(sent).toEqual([]);
  });

  it('a request waiting when the connection drops fails with CONNECTION_CLOSED', async () => {
    const { directories } = manager();
    const going = directories.goOnline('Ann');
    directories.close();
    await expect(going).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
  });

  it('an incoming call while not online here is declined, so the caller is not left ringing', () => {
    const { directories, sent } = manager();
    directories.handle(incomingCall('c1', dpeer('bob')));
    expect(sent).toEqual([expect.objectContaining({ type: 'decline', callId: 'c1' })]);
  });

  it('a message for a dropped session sends offline once, when the server still lists us', async () => {
    const { directories, sent } = manager();
    await goOnline(directories, sent);
    directories.close();
    directories.handle({ type: 'directory-update', peer: dpeer('cat') });
    directories.handle({ type: 'directory-update', peer: dpeer('dan') });
    expect(sent.filter((m) => m.type === 'offline')).toHaveLength(1);
  });

  it('a refusal that answers no directory request is left to the client', () => {
    const { directories } = manager();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    expect(directories.handleError({ type: 'error', code: 'PEER_NOT_FOUND', message: 'x', re: { type: 'signal', rid: 'r1' } })).toBe(false);
    expect(info).not.toHaveBeenCalled();
  });
});
