import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataMesh, type MeshPerson } from '../../test/data-mesh.js';
import { FakeMediaStream } from '../../test/fake-rtc.js';
import type { FakeNetworkOptions } from '../../test/fake-data-channel.js';
import { ConfabClientError } from '../errors.js';
import { decodeChunk } from './file-protocol.js';
import type { FileSharingOptions } from './file-sharing.js';
import type { IncomingFileTransfer } from './incoming-transfer.js';
import type { TransferProgress } from './progress.js';

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Small frames and batches, so a few hundred KB exercise chunking, backpressure and Blob batching. */
const SMALL: FileSharingOptions = { chunkSize: 1024, highWaterMark: 8 * 1024, blobBatchBytes: 20_000 };

function room(ids: string[], network: FakeNetworkOptions = {}, files: FileSharingOptions = SMALL) {
  const mesh = dataMesh(ids, { network, files });
  const get = (id: string): MeshPerson => mesh.get(id)!;
  return { mesh, get };
}

/** The next offer `receiver` gets. */
function nextOffer(receiver: MeshPerson): Promise<IncomingFileTransfer> {
  return new Promise((resolve) => receiver.data.files.once('offer', resolve));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const blobBytes = async (blob: Blob) => Buffer.from(await blob.arrayBuffer());

describe('file transfer between two people', () => {
  it('the receiver sees the offer (name, size, sender) and no byte flows before it accepts', async () => {
    const { get } = room(['ann', 'bob']);
    const offered = nextOffer(get('bob'));
    const [out] = get('ann').data.files.send(new File([randomBytes(5000)], 'photo.jpg', { type: 'image/jpeg' }), { to: 'bob' });
    const offer = await offered;
    expect(offer).toMatchObject({ name: 'photo.jpg', size: 5000, type: 'image/jpeg', state: 'offered', direction: 'incoming' });
    expect(offer.peer.id).toBe('ann');
    expect(offer.peer.name).toBe('ANN');
    expect(out?.state).toBe('offered');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const binary = get('ann').channels.get('bob')!.files.sent.filter((f) => typeof f !== 'string');
    expect(binary).toHaveLength(0);
  });

  it('an accepted file arrives intact in chunks, with progress on both sides and a matching SHA-256', async () => {
    // A clock that moves 10 ms per reading, so progress events (every 100 ms at most) do not depend on the machine's speed.
    let t = 0;
    const { get } = room(['ann', 'bob'], { bytesPerTick: 16 * 1024 }, { ...SMALL, now: () => (t += 10) });
    const data = randomBytes(300_000);
    const offered = nextOffer(get('bob'));
    const [out] = get('ann').data.files.send(new Blob([data], { type: 'application/octet-stream' }), { to: 'bob', name: 'data.bin' });
    const incoming = await offered;
    const sentProgress: TransferProgress[] = [];
    const receivedProgress: TransferProgress[] = [];
    out!.on('progress', (p) => sentProgress.push(p));
    incoming.on('progress', (p) => receivedProgress.push(p));
    const states: string[] = [];
    incoming.on('state', (s) => states.push(s));
    incoming.accept();

    await vi.waitFor(() => expect(out!.state).toBe('complete'), { timeout: 5000 });
    expect(incoming.state).toBe('complete');
    expect(states).toEqual(['transferring', 'verifying', 'complete']);
    expect(incoming.integrity).toBe('verified');
    expect(out!.integrity).toBe('verified');
    expect(incoming.sha256).toBe(sha256(data));
    expect(out!.sha256).toBe(sha256(data));
    expect((await blobBytes(incoming.blob!)).equals(data)).toBe(true);
    expect(incoming.blob!.type).toBe('application/octet-stream');
    // Chunks never exceed the frame size; many went over the wire.
    const frames = get('ann').channels.get('bob')!.files.sent.filter((f): f is ArrayBuffer => typeof f !== 'string');
    expect(frames.every((f) => f.byteLength <= 1024)).toBe(true);
    expect(frames.length).toBeGreaterThan(290);
    // Progress went up on both sides and ended at the size.
    for (const progress of [sentProgress, receivedProgress]) {
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.some((p) => p.bytes > 0 && p.bytes < data.length)).toBe(true);
      expect(progress.at(-1)).toMatchObject({ bytes: data.length, fraction: 1, secondsRemaining: 0 });
    }
    expect(incoming.progress.bytes).toBe(data.length);
  });

  it('a declined offer ends as declined on both sides', async () => {
    const { get } = room(['ann', 'bob']);
    const offered = nextOffer(get('bob'));
    const [out] = get('ann').data.files.send(new Blob([randomBytes(100)]), { to: 'bob' });
    (await offered).decline();
    await vi.waitFor(() => expect(out!.state).toBe('declined'));
    expect(out!.declineReason).toBe('declined');
  });

  it('a file over the sender\'s limit is refused with FILE_TOO_LARGE before anything is sent', () => {
    const { get } = room(['ann', 'bob'], {}, { ...SMALL, maxFileSize: 1000 });
    let error: unknown;
    try {
      get('ann').data.files.send(new Blob([new Uint8Array(1001)]), { to: 'bob' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfabClientError);
    expect((error as ConfabClientError).code).toBe('FILE_TOO_LARGE');
    expect((error as Error).message).toContain('1000 bytes');
    expect(get('ann').data.files.transfers).toHaveLength(0);
  });

  it('an offer over the receiver\'s limit is refused as too-large, and the sender is told', async () => {
    const mesh = dataMesh(['ann', 'bob'], { files: (id) => ({ ...SMALL, maxFileSize: id === 'bob' ? 1000 : 10_000 }) });
    const bob = mesh.get('bob')!;
    const offers = vi.fn();
    bob.data.files.on('offer', offers);
    const [out] = mesh.get('ann')!.data.files.send(new Blob([new Uint8Array(5000)]), { to: 'bob' });
    await vi.waitFor(() => expect(out!.state).toBe('declined'));
    expect(out!.declineReason).toBe('too-large');
    expect(out!.peerMaxFileSize).toBe(1000);
    // Bob never had to answer: the refusal is listed, no offer was raised.
    expect(offers).not.toHaveBeenCalled();
    expect(bob.data.files.transfers).toHaveLength(1);
    expect(bob.data.files.transfers[0]).toMatchObject({ state: 'declined', declineReason: 'too-large', size: 5000 });
  });
});

describe('cancelling a transfer', () => {
  /** Ann sends Bob a file over a slow link; resolves once bytes are flowing on both sides. */
  async function midTransfer() {
    const { get } = room(['ann', 'bob'], { bytesPerTick: 4 * 1024 });
    const data = randomBytes(400_000);
    const offered = nextOffer(get('bob'));
    const [out] = get('ann').data.files.send(new Blob([data]), { to: 'bob' });
    const incoming = await offered;
    incoming.accept();
    await vi.waitFor(() => expect(incoming.progress.bytes).toBeGreaterThan(20_000));
    expect(incoming.progress.bytes).toBeLessThan(data.length);
    return { ann: get('ann'), bob: get('bob'), out: out!, incoming, data };
  }

  /** Binary frames Ann has handed to her end of the file channel. */
  const chunksSent = (ann: MeshPerson) => ann.channels.get('bob')!.files.sent.filter((f) => typeof f !== 'string').length;

  it('by the receiver: both sides end cancelled, the sender stops sending, late chunks are dropped quietly', async () => {
    const { ann, bob, out, incoming, data } = await midTransfer();
    const warn = vi.spyOn(console, 'warn');
    incoming.cancel();
    expect(incoming).toMatchObject({ state: 'cancelled', cancelledBy: 'you', blob: undefined });
    await vi.waitFor(() => expect(out.state).toBe('cancelled'));
    expect(out.cancelledBy).toBe('peer');
    const sentAtCancel = chunksSent(ann);
    // Let everything in flight arrive: nothing more is sent, nothing more is counted, no warnings.
    await vi.waitFor(() => expect(ann.channels.get('bob')!.files.outbox).toHaveLength(0));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(chunksSent(ann)).toBe(sentAtCancel);
    expect(sentAtCancel * 1020).toBeLessThan(data.length);
    const received = incoming.progress.bytes;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(incoming.progress.bytes).toBe(received);
    expect(warn).not.toHaveBeenCalled();
    // Clean on both sides: nothing active, and a new transfer on the same link works.
    expect(ann.data.files.transfers.filter((t) => t.active)).toHaveLength(0);
    expect(bob.data.files.transfers.filter((t) => t.active)).toHaveLength(0);
    const again = nextOffer(bob);
    const [second] = ann.data.files.send(new Blob([data.subarray(0, 10_000)]), { to: 'bob' });
    (await again).accept();
    await vi.waitFor(() => expect(second!.state).toBe('complete'));
  });

  it('by the sender: both sides end cancelled and the receiver lets go of what it had', async () => {
    const { ann, out, incoming } = await midTransfer();
    out.cancel();
    expect(out).toMatchObject({ state: 'cancelled', cancelledBy: 'you' });
    const sentAtCancel = chunksSent(ann);
    await vi.waitFor(() => expect(incoming.state).toBe('cancelled'));
    expect(incoming.cancelledBy).toBe('peer');
    expect(incoming.blob).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(chunksSent(ann)).toBe(sentAtCancel);
  });

  it('when the peer leaves mid-transfer, both sides fail with peer-left', async () => {
    const { ann, bob, out, incoming } = await midTransfer();
    ann.data.removePeer('bob');
    bob.data.removePeer('ann');
    expect(out).toMatchObject({ state: 'failed', failure: 'peer-left' });
    expect(incoming).toMatchObject({ state: 'failed', failure: 'peer-left' });
  });

  it('when the data channel closes mid-transfer, both sides fail with connection-lost', async () => {
    const { ann, out, incoming } = await midTransfer();
    ann.channels.get('bob')!.files.close();
    await vi.waitFor(() => expect(out).toMatchObject({ state: 'failed', failure: 'connection-lost' }));
    expect(incoming).toMatchObject({ state: 'failed', failure: 'connection-lost' });
  });
});

describe('integrity', () => {
  it('a byte changed in flight fails the SHA-256 check on both sides, and the file is not offered', async () => {
    const { get } = room(['ann', 'bob']);
    const data = randomBytes(50_000);
    let flipped = false;
    get('ann').channels.get('bob')!.files.transform = (frame) => {
      if (typeof frame === 'string' || flipped) return frame;
      const chunk = decodeChunk(frame);
      if (!chunk || chunk.bytes.length < 100) return frame;
      flipped = true;
      const copy = new Uint8Array(frame.slice(0));
      copy[50] = copy[50]! ^ 0xff;
      return copy.buffer;
    };
    const offered = nextOffer(get('bob'));
    const [out] = get('ann').data.files.send(new Blob([data]), { to: 'bob' });
    const incoming = await offered;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    incoming.accept();
    await vi.waitFor(() => expect(out!.state).toBe('failed'));
    expect(flipped).toBe(true);
    expect(out).toMatchObject({ failure: 'digest-mismatch', integrity: 'mismatch' });
    expect(incoming).toMatchObject({ state: 'failed', failure: 'digest-mismatch', integrity: 'mismatch', blob: undefined });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('failed its integrity check'));
  });
});

describe('bad input on the file channel', () => {
  it('malformed or unexpected frames are ignored with a warning and the transfer still completes', async () => {
    const { get } = room(['ann', 'bob']);
    const bobEnd = get('bob').channels.get('ann')!.files;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const data = randomBytes(20_000);
    const offered = nextOffer(get('bob'));
    const [out] = get('ann').data.files.send(new Blob([data]), { to: 'bob' });
    const incoming = await offered;
    for (const junk of ['{', '{"t":"end","id":1,"sha256":"zz"}', '{"t":"verdict","id":999,"ok":true}', new ArrayBuffer(2), new Uint8Array([0, 0, 0, 77, 1]).buffer, 42]) {
      bobEnd.receive(junk);
    }
    expect(warn.mock.calls.length).toBeGreaterThanOrEqual(5);
    incoming.accept();
    await vi.waitFor(() => expect(out!.state).toBe('complete'));
    expect((await blobBytes(incoming.blob!)).equals(data)).toBe(true);
  });

  it('bytes beyond the offered size end the transfer as a protocol error', async () => {
    const { get } = room(['ann', 'bob']);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const offered = nextOffer(get('bob'));
    get('ann').data.files.send(new Blob([new Uint8Array(10)]), { to: 'bob' });
    const incoming = await offered;
    incoming.accept();
    const frame = new Uint8Array(4 + 20);
    new DataView(frame.buffer).setUint32(0, incoming.id);
    get('bob').channels.get('ann')!.files.receive(frame.buffer);
    expect(incoming).toMatchObject({ state: 'failed', failure: 'protocol-error' });
  });
});

describe('sending to everyone', () => {
  it('makes one transfer per person, each accepted and verified on its own', async () => {
    const { get } = room(['ann', 'bob', 'cy']);
    const data = randomBytes(30_000);
    const offers = [nextOffer(get('bob')), nextOffer(get('cy'))];
    const outs = get('ann').data.files.send(new File([data], 'all.bin'));
    expect(outs.map((t) => t.peer.id)).toEqual(['bob', 'cy']);
    const [bobOffer, cyOffer] = await Promise.all(offers);
    bobOffer!.accept();
    cyOffer!.decline();
    await vi.waitFor(() => expect(outs.map((t) => t.state)).toEqual(['complete', 'declined']));
    expect((await blobBytes(bobOffer!.blob!)).equals(data)).toBe(true);
  });

  it('dismiss() removes a transfer from the list, cancelling it if it is still going', async () => {
    const { get } = room(['ann', 'bob']);
    const offered = nextOffer(get('bob'));
    const [out] = get('ann').data.files.send(new Blob([new Uint8Array(100)]), { to: 'bob' });
    const incoming = await offered;
    get('bob').data.files.dismiss(incoming);
    expect(get('bob').data.files.transfers).toHaveLength(0);
    expect(incoming.state).toBe('declined');
    await vi.waitFor(() => expect(out!.state).toBe('declined'));
  });
});
