import { CHUNK_HEADER_BYTES, encodeChunk } from './file-protocol.js';
import { FILE_CHUNK_SIZE, FILE_HIGH_WATER_MARK, FILE_READ_SIZE } from './constants.js';
import { Sha256 } from './sha256.js';

/** Where chunks go: the file channel (a ChannelPort), or a fake in tests. */
export interface ChunkSink {
  send(frame: Uint8Array<ArrayBuffer>): boolean;
  /** Bytes waiting to go out. */
  readonly bufferedAmount: number;
  /** Resolves once the buffer is down to its low-water mark (`bufferedamountlow`); rejects if the channel closes. */
  drained(): Promise<void>;
}

export interface StreamFileOptions {
  /** Aborting stops the stream at the next chunk; `streamFile` then rejects with the signal's reason. */
  signal: AbortSignal;
  /** Called after each chunk with the bytes of the file handed to the channel so far. */
  onSent?: (bytes: number) => void;
  /** Bytes per frame, header included. */
  chunkSize?: number;
  readSize?: number;
  highWaterMark?: number;
}

/**
 * Sends `blob` as chunks of transfer `id`, and returns the SHA-256 (hex) of its bytes.
 *
 * Memory stays flat whatever the size of the file: it is read with `blob.slice()` one slice of
 * about FILE_READ_SIZE at a time (the next read starts while the current slice is sent), and
 * sending pauses whenever the channel holds more than `highWaterMark` bytes, until its
 * `bufferedamountlow` event. The digest is computed as the bytes go, chunk by chunk, so hashing
 * overlaps with the channel's own work.
 */
export async function streamFile(blob: Blob, id: number, sink: ChunkSink, options: StreamFileOptions): Promise<string> {
  const { signal, onSent } = options;
  const chunkSize = options.chunkSize ?? FILE_CHUNK_SIZE;
  const highWaterMark = options.highWaterMark ?? FILE_HIGH_WATER_MARK;
  const payloadSize = chunkSize - CHUNK_HEADER_BYTES;
  if (payloadSize <= 0) throw new RangeError(`chunkSize must be over ${CHUNK_HEADER_BYTES} bytes`);
  // Whole chunks per read, so no read ends in a runt chunk.
  const readSize = payloadSize * Math.max(1, Math.floor((options.readSize ?? FILE_READ_SIZE) / payloadSize));
  const hash = new Sha256();
  const size = blob.size;
  let sent = 0;

  const read = (at: number): Promise<ArrayBuffer> | undefined => {
    if (at >= size) return undefined;
    const reading = blob.slice(at, Math.min(size, at + readSize)).arrayBuffer();
    // If the transfer is abandoned before this read is awaited, its failure must not go unhandled.
    reading.catch(() => {});
    return reading;
  };

  signal.throwIfAborted();
  let readAt = 0;
  let next = read(0);
  while (next) {
    let slice: Uint8Array;
    try {
      slice = new Uint8Array(await next);
    } catch (err) {
      signal.throwIfAborted();
      throw new FileReadError(`could not read the file at byte ${readAt}`, { cause: err });
    }
    signal.throwIfAborted();
    if (slice.byteLength === 0) throw new FileReadError(`the file ended at byte ${readAt} of ${size}`);
    readAt += slice.byteLength;
    next = read(readAt);
    for (let at = 0; at < slice.byteLength; at += payloadSize) {
      if (sink.bufferedAmount > highWaterMark) {
        await sink.drained();
        signal.throwIfAborted();
      }
      const bytes = slice.subarray(at, Math.min(slice.byteLength, at + payloadSize));
      if (!sink.send(encodeChunk(id, bytes))) throw new Error('the file channel refused a chunk');
      hash.update(bytes);
      sent += bytes.byteLength;
      onSent?.(sent);
    }
  }
  if (sent !== size) throw new FileReadError(`read ${sent} bytes of a ${size}-byte file`);
  return hash.hex();
}

/** The file could not be read, or changed size while it was read. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError';
}
