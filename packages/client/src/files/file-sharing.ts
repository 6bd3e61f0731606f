import { Emitter, type Listener, type Subscribable, type Unsubscribe } from '../emitter.js';
import { ConfabClientError } from '../errors.js';
import type { RemotePeer } from '../remote-peer.js';
import type { ChannelPort } from '../data/channel-port.js';
import { DEFAULT_MAX_FILE_SIZE } from './constants.js';
import { decodeChunk, parseFileControl, sanitizeFileName, type FileControl } from './file-protocol.js';
import type { FileTransfer, TransferFailure } from './file-transfer.js';
import { IncomingFileTransfer } from './incoming-transfer.js';
import { OutgoingFileTransfer } from './outgoing-transfer.js';

export interface FileSharingOptions {
  /** Larger files are neither sent nor accepted. Default DEFAULT_MAX_FILE_SIZE (2 GiB). */
  maxFileSize?: number;
  /** A monotonic clock in ms, for speeds; `performance.now` by default. */
  now?: () => number;
  /** Frame size and high-water mark overrides, for tests. */
  chunkSize?: number;
  highWaterMark?: number;
  blobBatchBytes?: number;
}

export interface SendFileOptions {
  /** The peer id to send to; everyone in the room when left out. */
  to?: string;
  /** The name the receiver sees; default `file.name` (for a File) or "file". */
  name?: string;
}

export type FileSharingEvents = {
  /** Someone offers you a file: `accept()` or `decline()` it. */
  offer: [IncomingFileTransfer];
  /** A transfer was added to `transfers` (yours, an offer, or one refused as too large). */
  transfer: [FileTransfer];
  /** A transfer's state or progress changed. */
  update: [FileTransfer];
  /** A transfer was removed from `transfers` by `dismiss()`. */
  removed: [FileTransfer];
};

/** The file-channel state of one peer. */
interface PeerFiles {
  peer: RemotePeer;
  port: ChannelPort;
  incoming: Map<number, IncomingFileTransfer>;
  outgoing: Map<number, OutgoingFileTransfer>;
  /** Ids of dismissed transfers: frames still in flight for them are dropped quietly. */
  dismissed: { incoming: Set<number>; outgoing: Set<number> };
  offs: Unsubscribe[];
}

/**
 * File sharing in a room: `room.files`. Files go peer to peer over each connection's file
 * channel, never through the server: offered first, sent in chunks with backpressure once
 * accepted, checked with SHA-256 at the end. Either side can cancel at any time.
 */
export class FileSharing implements Subscribable<FileSharingEvents> {
  /** Files larger than this are neither sent nor accepted. */
  readonly maxFileSize: number;
  private readonly emitter = new Emitter<FileSharingEvents>();
  private readonly peers = new Map<string, PeerFiles>();
  private list: readonly FileTransfer[] = [];
  private nextId = 1;
  private closed = false;
  private readonly now: () => number;
  private readonly tuning: Pick<FileSharingOptions, 'chunkSize' | 'highWaterMark' | 'blobBatchBytes'>;

  /** @internal Made by the room. */
  constructor(options: FileSharingOptions = {}) {
    const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (!Number.isSafeInteger(max) || max < 0) throw new RangeError(`maxFileSize must be a non-negative integer, got ${max}`);
    this.maxFileSize = max;
    this.now = options.now ?? (() => performance.now());
    this.tuning = { chunkSize: options.chunkSize, highWaterMark: options.highWaterMark, blobBatchBytes: options.blobBatchBytes };
  }

  /** Every transfer of this room not dismissed, oldest first. A new array after each change of the list. */
  get transfers(): readonly FileTransfer[] {
    return this.list;
  }

  on<K extends keyof FileSharingEvents>(event: K, listener: Listener<FileSharingEvents[K]>): Unsubscribe {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof FileSharingEvents>(event: K, listener: Listener<FileSharingEvents[K]>): Unsubscribe {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof FileSharingEvents>(event: K, listener: Listener<FileSharingEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  /**
   * Offers `file` to one peer (`to`) or to everyone in the room: one transfer per receiver, each
   * sent once that receiver accepts. Throws ConfabClientError `FILE_TOO_LARGE` over `maxFileSize`.
   * Returns the new transfers (none when there is nobody to send to).
   */
  send(file: Blob, options: SendFileOptions = {}): OutgoingFileTransfer[] {
    if (this.closed) return [];
    if (file.size > this.maxFileSize) {
      throw new ConfabClientError(
        'FILE_TOO_LARGE',
        `The file is ${file.size} bytes; the most this room sends is ${this.maxFileSize} bytes.`,
      );
    }
    const name = sanitizeFileName(options.name ?? (isFile(file) ? file.name : 'file'));
    const targets = options.to === undefined ? [...this.peers.values()] : [this.peers.get(options.to)].filter((p) => p !== undefined);
    return targets.map((target) => {
      const transfer = new OutgoingFileTransfer({
        id: this.nextId++,
        peer: target.peer,
        name,
        size: file.size,
        type: file.type,
        file,
        port: target.port,
        now: this.now,
        onChange: (t) => this.emitter.emit('update', t),
        ...(this.tuning.chunkSize === undefined ? {} : { chunkSize: this.tuning.chunkSize }),
        ...(this.tuning.highWaterMark === undefined ? {} : { highWaterMark: this.tuning.highWaterMark }),
      });
      target.outgoing.set(transfer.id, transfer);
      this.add(transfer);
      transfer.offer();
      return transfer;
    });
  }

  /**
   * Removes a transfer from `transfers`, cancelling it first if it is still going, and lets go of
   * it (a received file's Blob is freed once nothing else holds it).
   */
  dismiss(transfer: FileTransfer): void {
    if (!this.list.includes(transfer)) return;
    transfer.cancel();
    const state = this.peers.get(transfer.peer.id);
    if (state && (state.incoming.get(transfer.id) === transfer || state.outgoing.get(transfer.id) === transfer)) {
      state[transfer.direction].delete(transfer.id);
      state.dismissed[transfer.direction].add(transfer.id);
    }
    this.list = this.list.filter((t) => t !== transfer);
    this.emitter.emit('removed', transfer);
  }

  /**
   * @internal The file channel of a peer, once its connection has one. A new port for the same
   * peer (a rebuilt connection) ends the transfers of the old one.
   */
  addPeer(peer: RemotePeer, port: ChannelPort): void {
    if (this.closed) return;
    const existing = this.peers.get(peer.id);
    if (existing?.port === port) return;
    if (existing) this.dropPeer(existing, 'connection-lost');
    const state: PeerFiles = {
      peer,
      port,
      incoming: new Map(),
      outgoing: new Map(),
      dismissed: { incoming: new Set(), outgoing: new Set() },
      offs: [],
    };
    state.offs.push(
      port.on('message', (frame) => this.receive(state, frame)),
      port.on('close', () => {
        if (this.peers.get(peer.id) === state) this.dropPeer(state, 'connection-lost');
      }),
    );
    this.peers.set(peer.id, state);
  }

  /** @internal The peer left: its transfers that were still going fail with `peer-left`. */
  removePeer(peerId: string): void {
    const state = this.peers.get(peerId);
    if (state) this.dropPeer(state, 'peer-left');
  }

  /** @internal The room closed. */
  close(): void {
    if (this.closed) return;
    for (const state of [...this.peers.values()]) this.dropPeer(state, 'closed');
    this.closed = true;
    this.emitter.removeAllListeners();
  }

  private dropPeer(state: PeerFiles, failure: TransferFailure): void {
    for (const off of state.offs) off();
    this.peers.delete(state.peer.id);
    for (const transfer of [...state.incoming.values(), ...state.outgoing.values()]) transfer.handleGone(failure);
  }

  private add(transfer: FileTransfer): void {
    this.list = [...this.list, transfer];
    this.emitter.emit('transfer', transfer);
  }

  private receive(state: PeerFiles, frame: string | ArrayBuffer): void {
    if (typeof frame !== 'string') {
      const chunk = decodeChunk(frame);
      const transfer = chunk && state.incoming.get(chunk.id);
      if (transfer) transfer.handleChunk(chunk.bytes);
      else if (!chunk) console.warn(`[confab] ignored a malformed file chunk from peer ${state.peer.id}.`);
      else if (!state.dismissed.incoming.has(chunk.id)) console.warn(`[confab] ignored a file chunk from peer ${state.peer.id} for unknown transfer ${chunk.id}.`);
      return;
    }
    const parsed = parseFileControl(frame);
    if (!parsed.ok) {
      console.warn(`[confab] ignored a file-channel message from peer ${state.peer.id}: ${parsed.reason}.`);
      return;
    }
    this.handleControl(state, parsed.msg);
  }

  private handleControl(state: PeerFiles, msg: FileControl): void {
    if (msg.t === 'offer') return this.handleOffer(state, msg);
    // Which side's id: the sender's for `end` and the sender's cancel, ours for everything else.
    const fromSender = msg.t === 'end' || (msg.t === 'cancel' && msg.by === 'sender');
    const transfer = fromSender ? state.incoming.get(msg.id) : state.outgoing.get(msg.id);
    if (!transfer) {
      if (state.dismissed[fromSender ? 'incoming' : 'outgoing'].has(msg.id)) return;
      console.warn(`[confab] ignored "${msg.t}" from peer ${state.peer.id} for unknown transfer ${msg.id}.`);
      return;
    }
    transfer.handleControl(msg);
  }

  private handleOffer(state: PeerFiles, msg: Extract<FileControl, { t: 'offer' }>): void {
    if (state.incoming.has(msg.id)) {
      console.warn(`[confab] ignored a repeated offer ${msg.id} from peer ${state.peer.id}.`);
      return;
    }
    const transfer = new IncomingFileTransfer({
      id: msg.id,
      peer: state.peer,
      name: msg.name,
      size: msg.size,
      type: msg.type,
      port: state.port,
      now: this.now,
      onChange: (t) => this.emitter.emit('update', t),
      ...(this.tuning.blobBatchBytes === undefined ? {} : { blobBatchBytes: this.tuning.blobBatchBytes }),
    });
    state.incoming.set(msg.id, transfer);
    this.add(transfer);
    if (msg.size > this.maxFileSize) transfer.refuseTooLarge(this.maxFileSize);
    else this.emitter.emit('offer', transfer);
  }
}

function isFile(blob: Blob): blob is File {
  return typeof (blob as File).name === 'string';
}
