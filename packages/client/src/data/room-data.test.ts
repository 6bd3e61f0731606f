import { describe, expect, it, vi } from 'vitest';
import { FakeDataChannel } from '../../test/fake-data-channel.js';
import { FakePeerConnection } from '../../test/fake-rtc.js';
import { useFakeRtc } from '../../test/fake-rtc-env.js';
import { joined, peer } from '../../test/messages.js';
import { answer, connectedClient } from '../../test/session.js';
import type { Room } from '../room.js';

useFakeRtc();

/**
 * Ann joins a room where Bob already is; the test plays Bob's ends of the two data channels of
 * Ann's peer connection to him.
 */
async function annWithBob(options: { maxFileSize?: number } = {}): Promise<{ room: Room; bob: { messages: FakeDataChannel; files: FakeDataChannel } }> {
  const { client, socket } = await connectedClient('ann');
  const joining = client.join('standup', 'Ann', null, options);
  await answer(socket, 'join', (rid) => joined(rid, { peers: [peer('bob')] }));
  const room = await joining;
  const pc = FakePeerConnection.instances[0]!;
  const [messages, files] = pc.dataChannels;
  const bob = { messages: new FakeDataChannel('confab-messages', 0), files: new FakeDataChannel('confab-files', 1) };
  for (const [ours, theirs] of [
    [messages!, bob.messages],
    [files!, bob.files],
  ] as const) {
    ours.remote = theirs;
    theirs.remote = ours;
    ours.open();
  }
  return { room, bob };
}

const frames = (channel: FakeDataChannel) => channel.sent.filter((f): f is string => typeof f === 'string').map((f) => JSON.parse(f) as unknown);

describe('a room\'s data layer', () => {
  it('each peer connection gets the two pre-negotiated channels, and chat goes over the message channel', async () => {
    const { room, bob } = await annWithBob();
    const pc = FakePeerConnection.instances[0]!;
    expect(pc.dataChannels.map((c) => [c.label, c.id])).toEqual([
      ['confab-messages', 0],
      ['confab-files', 1],
    ]);
    const received: unknown[] = [];
    bob.messages.addEventListener('message', (event) => received.push(JSON.parse(event.data as string)));
    room.chat.send('hi bob');
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ ch: 'confab.chat', body: { seq: 1, text: 'hi bob' } });

    bob.messages.send(JSON.stringify({ ch: 'confab.chat', body: { seq: 1, text: 'hi ann', sentAt: 5 } }));
    await vi.waitFor(() => expect(room.chat.messages).toHaveLength(2));
    expect(room.chat.messages[1]).toMatchObject({ id: 'bob:1', fromName: 'BOB', text: 'hi ann' });
  });

  it('JoinOptions.maxFileSize reaches room.files', async () => {
    const { room } = await annWithBob({ maxFileSize: 1234 });
    expect(room.files.maxFileSize).toBe(1234);
  });

  it('leaving ends a transfer still going as closed, and closes the channels', async () => {
    const { room, bob } = await annWithBob();
    const [transfer] = room.files.send(new Blob([new Uint8Array(100)]), { to: 'bob' });
    await vi.waitFor(() => expect(frames(bob.files)).toHaveLength(0));
    expect(transfer?.state).toBe('offered');
    room.close();
    expect(transfer).toMatchObject({ state: 'failed', failure: 'closed' });
    expect(FakePeerConnection.instances[0]!.dataChannels.every((c) => c.readyState === 'closed')).toBe(true);
  });

  it('when the peer leaves, their transfers fail with peer-left and chat keeps the history', async () => {
    const { room, bob } = await annWithBob();
    bob.messages.send(JSON.stringify({ ch: 'confab.chat', body: { seq: 1, text: 'bye', sentAt: 5 } }));
    await vi.waitFor(() => expect(room.chat.messages).toHaveLength(1));
    const [transfer] = room.files.send(new Blob([new Uint8Array(100)]), { to: 'bob' });
    room.handlePeerLeft('bob', 'left');
    expect(transfer).toMatchObject({ state: 'failed', failure: 'peer-left' });
    expect(room.chat.messages.map((m) => m.text)).toEqual(['bye']);
  });
});
