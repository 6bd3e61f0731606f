import { OutgoingFileTransfer, type DeclineReason, type FileTransfer, type Integrity, type TransferFailure, type TransferState } from '@confab/client';
import type { MessageKey } from '../i18n/messages.js';
import { text, type Text } from '../i18n/text.js';
import { formatBytes, formatSpeed, formatTimeLeft } from './file-format.js';
import { Observable } from './observable.js';

/** A transfer as one row of the list shows it: a snapshot, new whenever the row should change. */
export interface TransferView {
  key: string;
  direction: 'outgoing' | 'incoming';
  peerName: string;
  name: string;
  size: number;
  state: TransferState;
  bytes: number;
  /** 0–100, whole. */
  percent: number;
  bytesPerSecond: number;
  secondsRemaining: number | null;
  integrity: Integrity;
  failure: TransferFailure | undefined;
  declineReason: DeclineReason | undefined;
  cancelledBy: 'you' | 'peer' | undefined;
  /** The receiver's limit, when they refused the file as too large. */
  peerMaxFileSize: number | undefined;
  /** The SDK object, for the row's buttons (accept, decline, cancel, save). */
  transfer: FileTransfer;
}

/** The parts of the SDK's `room.files` the list needs. */
export interface FilesLike {
  readonly transfers: readonly FileTransfer[];
  readonly maxFileSize: number;
  on(event: 'transfer' | 'update' | 'removed', listener: (transfer: FileTransfer) => void): () => void;
}

export function viewTransfer(transfer: FileTransfer): TransferView {
  const progress = transfer.progress;
  return {
    key: transfer.key,
    direction: transfer.direction,
    peerName: transfer.peer.name,
    name: transfer.name,
    size: transfer.size,
    state: transfer.state,
    bytes: progress.bytes,
    percent: Math.floor(progress.fraction * 100),
    bytesPerSecond: progress.bytesPerSecond,
    secondsRemaining: progress.secondsRemaining,
    integrity: transfer.integrity,
    failure: transfer.failure,
    declineReason: transfer.declineReason,
    cancelledBy: transfer.cancelledBy,
    peerMaxFileSize: transfer instanceof OutgoingFileTransfer ? transfer.peerMaxFileSize : undefined,
    transfer,
  };
}

const FAILURES: Record<TransferFailure, MessageKey> = {
  'digest-mismatch': 'files.failed.digest',
  'peer-left': 'files.failed.peerLeft',
  'connection-lost': 'files.failed.connection',
  'read-error': 'files.failed.read',
  'protocol-error': 'files.failed.protocol',
  closed: 'files.failed.closed',
};

/**
 * What the row says about where the transfer is: parts for the component to translate and join
 * with " · ". Sizes are written for `locale`.
 */
export function transferStatus(view: TransferView, ownLimit: number, locale = 'en'): Text[] {
  const { direction, peerName: name } = view;
  const size = (bytes: number) => formatBytes(bytes, locale);
  switch (view.state) {
    case 'offered':
      return [text(direction === 'incoming' ? 'files.offeredIncoming' : 'files.offeredOutgoing', { name })];
    case 'transferring': {
      const parts = [text('files.bytesOf', { done: size(view.bytes), total: size(view.size) })];
      if (view.bytesPerSecond > 0) parts.push(formatSpeed(view.bytesPerSecond, locale));
      const left = formatTimeLeft(view.secondsRemaining);
      if (left) parts.push(left);
      return parts;
    }
    case 'verifying':
      return [text('files.verifying')];
    case 'complete':
      return [direction === 'incoming' ? text('files.verified') : text('files.delivered', { name })];
    case 'declined':
      if (view.declineReason === 'too-large') {
        if (direction === 'incoming') return [text('files.refusedOverLimit', { size: size(ownLimit) })];
        return [
          view.peerMaxFileSize === undefined
            ? text('files.tooLargeFor', { name })
            : text('files.tooLargeForLimit', { name, size: size(view.peerMaxFileSize) }),
        ];
      }
      return [direction === 'incoming' ? text('files.declined') : text('files.declinedBy', { name })];
    case 'cancelled':
      return [view.cancelledBy === 'peer' ? text('files.cancelledBy', { name }) : text('files.cancelled')];
    case 'failed':
      return [text(FAILURES[view.failure ?? 'protocol-error'])];
  }
}

/** The file transfers of a room, as row snapshots. `start()` subscribes (from an effect). */
export class TransferListStore extends Observable<readonly TransferView[]> {
  readonly #files: FilesLike;

  constructor(files: FilesLike) {
    super(files.transfers.map(viewTransfer));
    this.#files = files;
  }

  start(): () => void {
    this.#refresh();
    const offs = (['transfer', 'update', 'removed'] as const).map((event) => this.#files.on(event, () => this.#refresh()));
    return () => {
      for (const off of offs) off();
    };
  }

  #refresh(): void {
    const previous = new Map(this.getSnapshot().map((view) => [view.key, view]));
    let changed = previous.size !== this.#files.transfers.length;
    const next = this.#files.transfers.map((transfer, i) => {
      const view = viewTransfer(transfer);
      const old = previous.get(view.key);
      if (old && sameView(old, view)) {
        if (this.getSnapshot()[i] !== old) changed = true;
        return old;
      }
      changed = true;
      return view;
    });
    if (changed) this.set(next);
  }
}

function sameView(a: TransferView, b: TransferView): boolean {
  return (
    a.state === b.state &&
    a.bytes === b.bytes &&
    a.bytesPerSecond === b.bytesPerSecond &&
    a.secondsRemaining === b.secondsRemaining &&
    a.integrity === b.integrity &&
    a.peerName === b.peerName
  );
}

/** Why a file could not be offered, in words; the SDK's FILE_TOO_LARGE says what the limit is. */
export function describeSendFileError(err: unknown, file: { name: string; size: number }, limit: number, locale = 'en'): Text {
  if (err instanceof Error && (err as { code?: unknown }).code === 'FILE_TOO_LARGE') {
    return text('files.error.tooLarge', { file: file.name, size: formatBytes(file.size, locale), limit: formatBytes(limit, locale) });
  }
  return err instanceof Error ? text('files.error.reason', { file: file.name, reason: err.message }) : text('files.error.other', { file: file.name });
}
