import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CHUNK_HEADER_BYTES, decodeChunk } from './file-protocol.js';
import { FileReadError, streamFile, type ChunkSink } from './file-stream.js';

/** A sink whose buffer drains only when the test says so. */
class ManualSink implements ChunkSink {
  readonly frames: Uint8Array[] = [];
  bufferedAmount = 0;
  maxBuffered = 0;
  private waiters: (() => void)[] = [];
  constructor(private readonly lowWaterMark: number) {}
  send(frame: Uint8Array): boolean {
    this.frames.push(frame.slice());
    this.bufferedAmount += frame.byteLength;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    return true;
  }
  drained(): Promise<void> {
    if (this.bufferedAmount <= this.lowWaterMark) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  /** The network takes everything: bufferedamountlow. */
  drain(): void {
    this.bufferedAmount = 0;
    for (const wake of this.waiters.splice(0)) wake();
  }
  get waiting(): number {
    return this.waiters.length;
  }
}

/** Reassembles what the sink got for transfer `id`. */
function reassemble(frames: Uint8Array[], id: number): Buffer {
  const parts = frames.map((frame) => {
    const chunk = decodeChunk(frame.slice().buffer);
    expect(chunk?.id).toBe(id);
    return Buffer.from(chunk!.bytes);
  });
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('streamFile', () => {
  it('splits the file into chunks of the frame size that reassemble to the file, and returns its SHA-256', async () => {
    const data = randomBytes(100_000);
    const sink = new ManualSink(0);
    const digest = await streamFile(new Blob([data]), 7, sink, { signal: new AbortController().signal, chunkSize: 1024, readSize: 10_000 });
    expect(digest).toBe(sha256(data));
    expect(sink.frames.every((f) => f.byteLength <= 1024)).toBe(true);
    // Reads are whole numbers of chunks, so only the very last chunk is short.
    expect(sink.frames.slice(0, -1).every((f) => f.byteLength === 1024)).toBe(true);
    expect(sink.frames).toHaveLength(Math.ceil(data.length / (1024 - CHUNK_HEADER_BYTES)));
    expect(reassemble(sink.frames, 7).equals(data)).toBe(true);
  });

  it('an empty file sends nothing and has the empty digest', async () => {
    const sink = new ManualSink(0);
    expect(await streamFile(new Blob([]), 1, sink, { signal: new AbortController().signal })).toBe(sha256(new Uint8Array(0)));
    expect(sink.frames).toHaveLength(0);
  });

  it('reads the file a slice at a time, never whole', async () => {
    const blob = new Blob([randomBytes(50_000)]);
    const slice = vi.spyOn(blob, 'slice');
    await streamFile(blob, 1, new ManualSink(0), { signal: new AbortController().signal, chunkSize: 1004, readSize: 5000 });
    expect(slice.mock.calls.length).toBe(10);
    for (const [start, end] of slice.mock.calls) expect(end! - start!).toBeLessThanOrEqual(5000);
  });

  it('stops sending past the high-water mark until the channel drains (bufferedamountlow)', async () => {
    const data = randomBytes(64_000);
    const sink = new ManualSink(2_000);
    const progress: number[] = [];
    const done = streamFile(new Blob([data]), 3, sink, {
      signal: new AbortController().signal,
      chunkSize: 1000,
      highWaterMark: 8_000,
      onSent: (bytes) => progress.push(bytes),
    });
    await flush();
    await flush();
    // It filled the buffer just past the mark, then waited.
    expect(sink.waiting).toBe(1);
    expect(sink.bufferedAmount).toBeGreaterThan(8_000);
    expect(sink.bufferedAmount).toBeLessThanOrEqual(9_000);
    const sentBeforeDrain = sink.frames.length;
    await flush();
    expect(sink.frames.length).toBe(sentBeforeDrain);
    let rounds = 0;
    while (sink.waiting > 0 || rounds === 0) {
      sink.drain();
      await flush();
      rounds++;
    }
    expect(await done).toBe(sha256(data));
    expect(rounds).toBeGreaterThan(5);
    expect(sink.maxBuffered).toBeLessThanOrEqual(9_000);
    expect(progress.at(-1)).toBe(data.length);
    expect(reassemble(sink.frames, 3).equals(data)).toBe(true);
  });

  it('aborting while it waits for the channel stops it: no more chunks, and it rejects', async () => {
    const sink = new ManualSink(0);
    const abort = new AbortController();
    const done = streamFile(new Blob([randomBytes(50_000)]), 1, sink, { signal: abort.signal, chunkSize: 1000, highWaterMark: 5000 });
    await flush();
    const sent = sink.frames.length;
    abort.abort(new Error('cancelled'));
    sink.drain();
    await expect(done).rejects.toThrow('cancelled');
    expect(sink.frames.length).toBe(sent);
  });

  it('a file that cannot be read rejects with FileReadError', async () => {
    const blob = new Blob([randomBytes(10_000)]);
    vi.spyOn(blob, 'slice').mockImplementation(() => ({ arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }) as Blob);
    await expect(streamFile(blob, 1, new ManualSink(0), { signal: new AbortController().signal })).rejects.toBeInstanceOf(FileReadError);
  });
});
