import { encodeFileControl, type FileControl } from './file-protocol.js';
import { FileReadError, streamFile, type ChunkSink } from './file-stream.js';
import { FileTransfer, type TransferFailure, type TransferInit } from './file-transfer.js';

/** The file channel as a sender sees it: control messages and chunks out, with backpressure. */
export interface FilePort extends ChunkSink {
  send(frame: string | Uint8Array<ArrayBuffer>): boolean;
}

export interface OutgoingInit extends TransferInit {
  file: Blob;
  port: FilePort;
  /** Frame size and high-water mark overrides, for tests and the benchmark. */
  chunkSize?: number;
  highWaterMark?: number;
}

/**
 * A file you offered to one peer. It is sent once they accept, and ends `complete` when they
 * report that the SHA-256 of what arrived matches yours.
 */
export class OutgoingFileTransfer extends FileTransfer {
  readonly direction = 'outgoing' as const;
  /** The file being sent. It is read a slice at a time, never whole. */
  readonly file: Blob;
  private readonly port: FilePort;
  private readonly streamOptions: { chunkSize?: number; highWaterMark?: number };
  private abort: AbortController | undefined;
  private receiverLimit: number | undefined;

  /** @internal Made by `room.files.send()`. */
  constructor(init: OutgoingInit) {
    super(init);
    this.file = init.file;
    this.port = init.port;
    this.streamOptions = {
      ...(init.chunkSize === undefined ? {} : { chunkSize: init.chunkSize }),
      ...(init.highWaterMark === undefined ? {} : { highWaterMark: init.highWaterMark }),
    };
  }

  /** The receiver's `maxFileSize`, when they refused the file as too large. */
  get peerMaxFileSize(): number | undefined {
    return this.receiverLimit;
  }

  /** @internal Sends the offer. */
  offer(): void {
    this.sendControl({ t: 'offer', id: this.id, name: this.name, size: this.size, type: this.type });
  }

  cancel(): void {
    if (!this.active) return;
    this.sendControl({ t: 'cancel', id: this.id, by: 'sender' });
    this.markCancelled('you');
  }

  /** @internal */
  handleGone(failure: TransferFailure): void {
    this.fail(failure);
  }

  /** @internal A control message about this transfer from the receiver. */
  handleControl(msg: FileControl): void {
    if (!this.active) return;
    switch (msg.t) {
      case 'accept':
        if (this.state === 'offered') void this.send();
        return;
      case 'decline':
        if (this.state !== 'offered') return;
        this.receiverLimit = msg.maxFileSize;
        this.markDeclined(msg.reason);
        return;
      case 'cancel':
        this.markCancelled('peer');
        return;
      case 'verdict':
        if (this.state !== 'verifying') return this.protocolError(`a verdict in state ${this.state}`);
        if (msg.ok) this.markComplete();
        else this.fail('digest-mismatch');
        return;
      default:
        this.protocolError(`"${msg.t}" sent to the sender`);
    }
  }

  protected release(): void {
    this.abort?.abort(new DOMException('The transfer ended.', 'AbortError'));
    this.abort = undefined;
  }

  private async send(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.setState('transferring');
    this.reportProgress(0, true);
    let digest: string;
    try {
      digest = await streamFile(this.file, this.id, this.port, {
        ...this.streamOptions,
        signal: abort.signal,
        onSent: (sent) => this.reportProgress(Math.max(0, sent - this.port.bufferedAmount)),
      });
    } catch (err) {
      if (abort.signal.aborted || !this.active) return;
      console.warn(`[confab] sending "${this.name}" to peer ${this.peer.id} failed:`, err);
      // A read failure is the file's; a refused send or a closed channel means the link went away.
      this.fail(err instanceof FileReadError ? 'read-error' : 'connection-lost');
      return;
    }
    if (!this.active) return;
    this.setDigest(digest);
    this.sendControl({ t: 'end', id: this.id, sha256: digest });
    this.reportProgress(Math.max(0, this.size - this.port.bufferedAmount), true);
    this.setState('verifying');
  }

  private sendControl(msg: FileControl): void {
    this.port.send(encodeFileControl(msg));
  }

  private protocolError(what: string): void {
    console.warn(`[confab] file transfer ${this.id} to peer ${this.peer.id}: ${what}; giving up.`);
    this.sendControl({ t: 'cancel', id: this.id, by: 'sender' });
    this.fail('protocol-error');
  }
}
