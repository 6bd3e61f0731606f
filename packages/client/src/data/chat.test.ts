import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataMesh } from '../../test/data-mesh.js';
import { FakeMediaStream } from '../../test/fake-rtc.js';
import { ChatLog, type ChatMessage } from './chat-log.js';
import { CHAT_CHANNEL } from './chat.js';

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function message(from: string, seq: number, text = `${from} ${seq}`): ChatMessage {
  return { id: `${from}:${seq}`, from, fromName: from, seq, text, sentAt: 0, receivedAt: 0, self: false };
}

describe('ChatLog', () => {
  it('keeps messages in arrival order and refuses a duplicate id', () => {
    const log = new ChatLog();
    expect(log.add(message('ann', 1))).toBe(true);
    expect(log.add(message('bob', 1))).toBe(true);
    expect(log.add(message('ann', 2))).toBe(true);
    expect(log.add(message('ann', 2))).toBe(false);
    expect(log.add(message('bob', 1))).toBe(false);
    expect(log.messages.map((m) => m.id)).toEqual(['ann:1', 'bob:1', 'ann:2']);
  });

  it('keeps each sender in order: a message older than one already kept is refused', () => {
    const log = new ChatLog();
    log.add(message('ann', 1));
    log.add(message('ann', 3));
    expect(log.add(message('ann', 2))).toBe(false);
    expect(log.add(message('ann', 4))).toBe(true);
    expect(log.messages.map((m) => m.seq)).toEqual([1, 3, 4]);
  });

  it('keeps the last maxHistory messages, and a new array only when it changes', () => {
    const log = new ChatLog(3);
    for (let seq = 1; seq <= 5; seq++) log.add(message('ann', seq));
    expect(log.messages.map((m) => m.seq)).toEqual([3, 4, 5]);
    const before = log.messages;
    log.add(message('ann', 5));
    expect(log.messages).toBe(before);
  });
});

describe('Chat over the mesh', () => {
  it('a message reaches everyone else, in order, with the sender\'s id, name, counter and time', async () => {
    const mesh = dataMesh(['ann', 'bob', 'cy']);
    const ann = mesh.get('ann')!;
    const sent = ['one', 'two', 'three', 'four', 'five'].map((text) => ann.data.chat.send(text));
    expect(sent.map((m) => m.id)).toEqual(['ann:1', 'ann:2', 'ann:3', 'ann:4', 'ann:5']);
    expect(ann.data.chat.messages.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(sent[0]).toMatchObject({ from: 'ann', fromName: 'ANN', self: true });
    for (const id of ['bob', 'cy']) {
      const chat = mesh.get(id)!.data.chat;
      await vi.waitFor(() => expect(chat.messages).toHaveLength(5));
      expect(chat.messages.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four', 'five']);
      expect(chat.messages.map((m) => m.id)).toEqual(['ann:1', 'ann:2', 'ann:3', 'ann:4', 'ann:5']);
      expect(chat.messages[0]).toMatchObject({ from: 'ann', fromName: 'ANN', self: false, sentAt: sent[0]!.sentAt });
    }
  });

  it('a replayed message is ignored (dedupe by id), with a warning', async () => {
    const mesh = dataMesh(['ann', 'bob']);
    const bob = mesh.get('bob')!;
    mesh.get('ann')!.data.chat.send('hello');
    await vi.waitFor(() => expect(bob.data.chat.messages).toHaveLength(1));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const events = vi.fn();
    bob.data.chat.on('message', events);
    const replay = JSON.stringify({ ch: CHAT_CHANNEL, body: { seq: 1, text: 'hello', sentAt: 1 } });
    bob.channels.get('ann')!.messages.receive(replay);
    expect(bob.data.chat.messages).toHaveLength(1);
    expect(events).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('ann:1'));
  });

  it('a sender cannot pose as someone else: the id comes from the connection, not the message', async () => {
    const mesh = dataMesh(['ann', 'bob']);
    const bob = mesh.get('bob')!;
    bob.channels.get('ann')!.messages.receive(JSON.stringify({ ch: CHAT_CHANNEL, body: { seq: 7, text: 'hi', sentAt: 1, from: 'cy' } }));
    expect(bob.data.chat.messages[0]).toMatchObject({ id: 'ann:7', from: 'ann', fromName: 'ANN' });
  });

  it('malformed chat messages are ignored with a warning', () => {
    const mesh = dataMesh(['ann', 'bob']);
    const bob = mesh.get('bob')!;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bodies = [null, 'hi', { seq: 0, text: 'x', sentAt: 1 }, { seq: 1, text: '', sentAt: 1 }, { seq: 1, text: 'x'.repeat(4001), sentAt: 1 }, { seq: 1, text: 'x', sentAt: 'now' }];
    for (const body of bodies) bob.channels.get('ann')!.messages.receive(JSON.stringify({ ch: CHAT_CHANNEL, body }));
    expect(bob.data.chat.messages).toHaveLength(0);
    expect(warn).toHaveBeenCalledTimes(bodies.length);
  });

  it('an empty or overlong message is refused before it is sent', () => {
    const chat = dataMesh(['ann', 'bob']).get('ann')!.data.chat;
    expect(() => chat.send('   ')).toThrow(TypeError);
    expect(() => chat.send('x'.repeat(4001))).toThrow(TypeError);
    expect(chat.messages).toHaveLength(0);
  });

  it('messages sent before the data channel opens wait for it, in order', async () => {
    const mesh = dataMesh(['ann', 'bob'], { open: false });
    const ann = mesh.get('ann')!;
    const bob = mesh.get('bob')!;
    ann.data.chat.send('early 1');
    ann.data.chat.send('early 2');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bob.data.chat.messages).toHaveLength(0);
    ann.channels.get('bob')!.messages.open();
    await vi.waitFor(() => expect(bob.data.chat.messages.map((m) => m.text)).toEqual(['early 1', 'early 2']));
  });
});
