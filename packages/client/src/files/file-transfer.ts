import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import type { RemotePeer } from '../remote-peer.js';
import { PROGRESS_INTERVAL_MS } from './constants.js';
import type { DeclineReason } from './file-protocol.js';
import { ProgressMeter, type TransferProgress } from './progress.js';

/**
 * - `offered`: waiting for the receiver to accept or decline;
 * - `transferring`: bytes are flowing;
 * - `verifying`: every byte is sent (or received); the digests are being compared;
 * - `complete`: every byte arrived and the SHA-256 digests match;
 * - `declined`, `cancelled`, `failed`: ended without the file (see `declineReason`, `cancelledBy`, `failure`).
 */
export type TransferState = 'offered' | 'transferring' | 'verifying' | 'complete' | 'declined' | 'cancelled' | 'failed';

/**
 * Why a transfer failed: `digest-mismatch` (the bytes that arrived are not the file that was
 * sent), `peer-left`, `connection-lost` (the data channel closed), `read-error` (the file could not
 * be read, e.g. it changed on disk), `protocol-error` (the other side broke the protocol),
 * `closed` (you left the room).
 */
export type TransferFailure = 'digest-mismatch' | 'peer-left' | 'connection-lost' | 'read-error' | 'protocol-error' | 'closed';

/** `pending` until the digests are compared; then `verified` or `mismatch`. */
export type Integrity = 'pending' | 'verified' | 'mismatch';

export type FileTransferEvents = {
  /** At most every PROGRESS_INTERVAL_MS while bytes flow, and once at the end. */
  progress: [TransferProgress];
  state: [TransferState];
};

const TERMINAL: ReadonlySet<TransferState> = new Set(['complete', 'declined', 'cancelled', 'failed']);

export interface TransferInit {
  id: number;
  peer: RemotePeer;
  name: string;
  size: number;
  type: string;
  now: () => number;
  /** Called after every state or progress change: how the room's file sharing hears of them. */
  onChange: (transfer: FileTransfer) => void;
}

/** One file going to or coming from one peer. See `OutgoingFileTransfer` and `IncomingFileTransfer`. */
export abstract class FileTransfer implements Subscribable<FileTransferEvents> {
  abstract readonly direction: 'outgoing' | 'incoming';
  /** The id on the wire: chosen by the sender, unique per sender and peer. */
  readonly id: number;
  /** The other side. */
  readonly peer: RemotePeer;
  /** The file's name (sanitized on the receiving side). */
  readonly name: string;
  readonly size: number;
  /** Its MIME type, or '' when unknown. */
  readonly type: string;
  protected readonly emitter = new Emitter<FileTransferEvents>();
  protected readonly meter: ProgressMeter;
  private readonly notify: (transfer: FileTransfer) => void;
  private readonly now: () => number;
  private currentState: TransferState = 'offered';
  private lastProgressAt = Number.NEGATIVE_INFINITY;
  private integrityState: Integrity = 'pending';
  private failureReason: TransferFailure | undefined;
  private declinedBecause: DeclineReason | undefined;
  private cancelledBySide: 'you' | 'peer' | undefined;
  private digest: string | undefined;

  protected constructor(init: TransferInit) {
    this.id = init.id;
    this.peer = init.peer;
    this.name = init.name;
    this.size = init.size;
    this.type = init.type;
    this.now = init.now;
    this.notify = init.onChange;
    this.meter = new ProgressMeter(init.size, init.now);
  }

  /** Unique among the room's transfers: direction, peer id and wire id. */
  get key(): string {
    return `${this.direction}:${this.peer.id}:${this.id}`;
  }

  get state(): TransferState {
    return this.currentState;
  }

  /** Whether the transfer is still going (not complete, declined, cancelled or failed). */
  get active(): boolean {
    return !TERMINAL.has(this.currentState);
  }

  get progress(): TransferProgress {
    return this.meter.snapshot();
  }

  get integrity(): Integrity {
    return this.integrityState;
  }

  /** The file's SHA-256 (hex), once the sender has computed it. */
  get sha256(): string | undefined {
    return this.digest;
  }

  /** Set when `state` is `failed`. */
  get failure(): TransferFailure | undefined {
    return this.failureReason;
  }

  /** Set when `state` is `declined`. */
  get declineReason(): DeclineReason | undefined {
    return this.declinedBecause;
  }

  /** Set when `state` is `cancelled`: `you` cancelled, or the `peer` did. */
  get cancelledBy(): 'you' | 'peer' | undefined {
    return this.cancelledBySide;
  }

  on<K extends keyof FileTransferEvents>(event: K, listener: Listener<FileTransferEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof FileTransferEvents>(event: K, listener: Listener<FileTransferEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof FileTransferEvents>(event: K, listener: Listener<FileTransferEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /** Stops the transfer on both sides. Does nothing once it has ended. */
  abstract cancel(): void;

  /** @internal The peer left or its data channel closed: the transfer cannot go on. */
  abstract handleGone(failure: TransferFailure): void;

  protected setState(state: TransferState): void {
    if (this.currentState === state || !this.active) return;
    this.currentState = state;
    if (!this.active) this.release();
    this.emitter.emit('state', state);
    this.notify(this);
  }

  protected fail(failure: TransferFailure): void {
    if (!this.active) return;
    this.failureReason = failure;
    if (failure === 'digest-mismatch') this.integrityState = 'mismatch';
    this.setState('failed');
  }

  protected markDeclined(reason: DeclineReason): void {
    if (!this.active) return;
    this.declinedBecause = reason;
    this.setState('declined');
  }

  protected markCancelled(by: 'you' | 'peer'): void {
    if (!this.active) return;
    this.cancelledBySide = by;
    this.setState('cancelled');
  }

  protected markComplete(): void {
    if (!this.active) return;
    this.integrityState = 'verified';
    this.reportProgress(this.size, true);
    this.setState('complete');
  }

  protected setDigest(hex: string): void {
    this.digest = hex;
  }

  /** Records progress; emits at most every PROGRESS_INTERVAL_MS, unless `force`. */
  protected reportProgress(bytes: number, force = false): void {
    this.meter.update(bytes);
    const now = this.now();
    if (!force && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = now;
    this.emitter.emit('progress', this.meter.snapshot());
    this.notify(this);
  }

  /** Frees what the transfer holds once it has ended (buffers, a running read). */
  protected abstract release(): void;
}
