import { RECEIVE_BLOB_BATCH_BYTES } from './constants.js';
import { encodeFileControl, type FileControl } from './file-protocol.js';
import { FileTransfer, type TransferFailure, type TransferInit } from './file-transfer.js';
import { Sha256 } from './sha256.js';

/** The file channel as a receiver sees it: control messages out. */
export interface ControlPort {
  send(frame: string): boolean;
}

export interface IncomingInit extends TransferInit {
  port: ControlPort;
  /** Bytes gathered before they are turned into a Blob; for tests. */
  blobBatchBytes?: number;
}

/**
 * A file a peer offers you. Nothing is sent until you `accept()`. The bytes are gathered as Blobs
 * (which the browser may keep on disk) and hashed as they arrive; when the sender's digest comes,
 * the two are compared. Only a file whose digest matches is offered as `blob`.
 */
export class IncomingFileTransfer extends FileTransfer {
  readonly direction = 'incoming' as const;
  private readonly port: ControlPort;
  private readonly batchBytes: number;
  private hash: Sha256 | undefined = new Sha256();
  private received = 0;
  /** Chunks since the last Blob was made; they are views of the received frames. */
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;
  private blobs: Blob[] = [];
  private result: Blob | undefined;

  /** @internal Made when an offer arrives. */
  constructor(init: IncomingInit) {
    super(init);
    this.port = init.port;
    this.batchBytes = init.blobBatchBytes ?? RECEIVE_BLOB_BATCH_BYTES;
  }

  /** The file, once `complete` (its digest matched). Save it with a Blob URL and `<a download>`. */
  get blob(): Blob | undefined {
    return this.result;
  }

  /** Asks the sender to start. Only in state `offered`. */
  accept(): void {
    if (this.state !== 'offered') return;
    this.sendControl({ t: 'accept', id: this.id });
    this.setState('transferring');
    this.reportProgress(0, true);
  }

  /** Says no to the offer. Only in state `offered`. */
  decline(): void {
    if (this.state !== 'offered') return;
    this.sendControl({ t: 'decline', id: this.id, reason: 'declined' });
    this.markDeclined('declined');
  }

  cancel(): void {
    if (!this.active) return;
    if (this.state === 'offered') return this.decline();
    this.sendControl({ t: 'cancel', id: this.id, by: 'receiver' });
    this.markCancelled('you');
  }

  /** @internal Refuses an offer over the size limit, without asking anyone. */
  refuseTooLarge(maxFileSize: number): void {
    this.sendControl({ t: 'decline', id: this.id, reason: 'too-large', maxFileSize });
    this.markDeclined('too-large');
  }

  /** @internal */
  handleGone(failure: TransferFailure): void {
    this.fail(failure);
  }

  /** @internal Bytes of this transfer, in order (the channel is ordered). */
  handleChunk(bytes: Uint8Array<ArrayBuffer>): void {
    // Chunks still in flight when a transfer ended are expected; drop them quietly.
    if (!this.active) return;
    if (this.state !== 'transferring' || !this.hash) return this.protocolError(`bytes in state ${this.state}`);
    if (this.received + bytes.byteLength > this.size) return this.protocolError('more bytes than the offer said');
    this.hash.update(bytes);
    this.received += bytes.byteLength;
    this.pending.push(bytes);
    this.pendingBytes += bytes.byteLength;
    if (this.pendingBytes >= this.batchBytes) this.flushBlob();
    this.reportProgress(this.received);
  }

  /** @internal A control message about this transfer from the sender. */
  handleControl(msg: FileControl): void {
    if (!this.active) return;
    switch (msg.t) {
      case 'cancel':
        this.markCancelled('peer');
        return;
      case 'end':
        return this.verify(msg.sha256);
      default:
        this.protocolError(`"${msg.t}" sent to the receiver`);
    }
  }

  protected release(): void {
    this.hash = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    this.blobs = [];
  }

  private verify(expected: string): void {
    if (this.state !== 'transferring' || !this.hash) return this.protocolError(`"end" in state ${this.state}`);
    if (this.received !== this.size) return this.protocolError(`"end" after ${this.received} of ${this.size} bytes`);
    this.setState('verifying');
    this.setDigest(expected);
    const actual = this.hash.hex();
    const ok = actual === expected;
    this.sendControl({ t: 'verdict', id: this.id, ok });
    if (!ok) {
      console.warn(`[confab] "${this.name}" from peer ${this.peer.id} failed its integrity check: SHA-256 ${actual}, expected ${expected}.`);
      this.fail('digest-mismatch');
      return;
    }
    this.flushBlob();
    this.result = new Blob(this.blobs, this.type ? { type: this.type } : {});
    this.markComplete();
  }

  private flushBlob(): void {
    if (this.pending.length === 0) return;
    this.blobs.push(new Blob(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private sendControl(msg: FileControl): void {
    this.port.send(encodeFileControl(msg));
  }

  private protocolError(what: string): void {
    console.warn(`[confab] file transfer ${this.id} from peer ${this.peer.id}: ${what}; giving up.`);
    this.sendControl({ t: 'cancel', id: this.id, by: 'receiver' });
    this.fail('protocol-error');
  }
}
