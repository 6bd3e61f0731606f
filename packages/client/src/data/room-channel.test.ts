import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataMesh } from '../../test/data-mesh.js';
import { FakeMediaStream } from '../../test/fake-rtc.js';
import { ConfabClientError } from '../errors.js';
import type { RemotePeer } from '../remote-peer.js';

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

type Cursor = { x: number; y: number };
const isCursor = (body: unknown): body is Cursor =>
  typeof body === 'object' && body !== null && typeof (body as Cursor).x === 'number' && typeof (body as Cursor).y === 'number';

describe('room.channel()', () => {
  it('sends typed messages to everyone, or to one peer, who get them with the sender', async () => {
    const mesh = dataMesh(['ann', 'bob', 'cy']);
    const cursors = new Map(['ann', 'bob', 'cy'].map((id) => [id, mesh.get(id)!.data.channel('cursor', { validate: isCursor })]));
    const got: Record<string, [Cursor, string][]> = { bob: [], cy: [] };
    for (const id of ['bob', 'cy'] as const) cursors.get(id)!.on('message', (msg: Cursor, from: RemotePeer) => got[id]!.push([msg, from.id]));

    expect(cursors.get('ann')!.send({ x: 1, y: 2 })).toBe(true);
    expect(cursors.get('ann')!.send({ x: 3, y: 4 }, 'cy')).toBe(true);
    await vi.waitFor(() => expect(got.cy).toHaveLength(2));
    expect(got.cy).toEqual([
      [{ x: 1, y: 2 }, 'ann'],
      [{ x: 3, y: 4 }, 'ann'],
    ]);
    expect(got.bob).toEqual([[{ x: 1, y: 2 }, 'ann']]);
  });

  it('channels of different names do not see each other\'s messages', async () => {
    const mesh = dataMesh(['ann', 'bob']);
    const a = mesh.get('bob')!.data.channel('a', { validate: isCursor });
    const b = mesh.get('bob')!.data.channel('b', { validate: isCursor });
    const onA = vi.fn();
    const onB = vi.fn();
    a.on('message', onA);
    b.on('message', onB);
    mesh.get('ann')!.data.channel('b', { validate: isCursor }).send({ x: 0, y: 0 });
    await vi.waitFor(() => expect(onB).toHaveBeenCalledTimes(1));
    expect(onA).not.toHaveBeenCalled();
  });

  it('a message that fails validate() is dropped with a warning; so is one whose validator throws', () => {
    const mesh = dataMesh(['ann', 'bob']);
    const bob = mesh.get('bob')!;
    const onMessage = vi.fn();
    bob.data.channel('cursor', { validate: isCursor }).on('message', onMessage);
    bob.data
      .channel('strict', {
        validate: (body: unknown): body is never => {
          throw new Error(`validator bug on ${String(body)}`);
        },
      })
      .on('message', onMessage);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const end = bob.channels.get('ann')!.messages;
    end.receive(JSON.stringify({ ch: 'cursor', body: { x: 'left' } }));
    end.receive(JSON.stringify({ ch: 'strict', body: 1 }));
    expect(onMessage).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
  });

  it('malformed frames (not JSON, no channel, binary, too big) are ignored with a warning and the channel keeps working', async () => {
    const mesh = dataMesh(['ann', 'bob']);
    const bob = mesh.get('bob')!;
    const onMessage = vi.fn();
    bob.data.channel('cursor', { validate: isCursor }).on('message', onMessage);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const end = bob.channels.get('ann')!.messages;
    for (const junk of ['{oops', '[1,2]', '{"body":1}', '{"ch":"","body":1}', new ArrayBuffer(8), JSON.stringify({ ch: 'cursor', body: 'x'.repeat(70_000) }), 12]) {
      end.receive(junk);
    }
    expect(warn).toHaveBeenCalledTimes(7);
    mesh.get('ann')!.data.channel('cursor', { validate: isCursor }).send({ x: 5, y: 5 });
    await vi.waitFor(() => expect(onMessage).toHaveBeenCalledWith({ x: 5, y: 5 }, expect.objectContaining({ id: 'ann' })));
  });

  it('messages on a channel nobody opened are ignored, with one warning per name', () => {
    const mesh = dataMesh(['ann', 'bob']);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const end = mesh.get('bob')!.channels.get('ann')!.messages;
    for (let i = 0; i < 3; i++) end.receive(JSON.stringify({ ch: 'game', body: i }));
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('refuses reserved or invalid names, a missing validator, and messages that fail its own validator', () => {
    const data = dataMesh(['ann', 'bob']).get('ann')!.data;
    expect(() => data.channel('confab.chat', { validate: isCursor })).toThrow(TypeError);
    expect(() => data.channel('', { validate: isCursor })).toThrow(TypeError);
    expect(() => data.channel('x'.repeat(65), { validate: isCursor })).toThrow(TypeError);
    expect(() => data.channel('nv', {} as { validate: typeof isCursor })).toThrow(TypeError);
    const channel = data.channel('cursor', { validate: isCursor });
    expect(() => channel.send({ x: 1 } as Cursor)).toThrow(TypeError);
  });

  it('a message over MAX_MESSAGE_BYTES is refused with MESSAGE_TOO_LARGE', () => {
    const data = dataMesh(['ann', 'bob']).get('ann')!.data;
    const channel = data.channel('text', { validate: (b: unknown): b is string => typeof b === 'string' });
    expect(() => channel.send('é'.repeat(40_000))).toThrow(ConfabClientError);
    expect(channel.send('é'.repeat(1000))).toBe(true);
  });

  it('send() returns false for an unknown peer or a closed channel; close() stops delivery', async () => {
    const mesh = dataMesh(['ann', 'bob']);
    const annChannel = mesh.get('ann')!.data.channel('cursor', { validate: isCursor });
    const bobChannel = mesh.get('bob')!.data.channel('cursor', { validate: isCursor });
    const onMessage = vi.fn();
    bobChannel.on('message', onMessage);
    expect(annChannel.send({ x: 1, y: 1 }, 'nobody')).toBe(false);
    bobChannel.close();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    annChannel.send({ x: 1, y: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(onMessage).not.toHaveBeenCalled();
    annChannel.close();
    expect(annChannel.send({ x: 1, y: 1 })).toBe(false);
  });
});
