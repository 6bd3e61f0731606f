import type { FileTransfer } from '@confab/client';
import { describe, expect, it } from 'vitest';
import type { Text } from '../i18n/text.js';
import { translator } from '../i18n/translate.js';
import { describeSendFileError, TransferListStore, transferStatus, viewTransfer, type FilesLike, type TransferView } from './transfer-views.js';

const MB = 1024 * 1024;

function transfer(overrides: Partial<Record<string, unknown>> = {}): FileTransfer {
  return {
    key: 'incoming:ann:1',
    direction: 'incoming',
    peer: { id: 'ann', name: 'Ann' },
    name: 'talk.mp4',
    size: 20 * MB,
    state: 'transferring',
    progress: { bytes: 5 * MB, total: 20 * MB, fraction: 0.25, bytesPerSecond: 2.5 * MB, secondsRemaining: 6 },
    integrity: 'pending',
    failure: undefined,
    declineReason: undefined,
    cancelledBy: undefined,
    ...overrides,
  } as unknown as FileTransfer;
}

const en = translator('en');
const english = (parts: Text | Text[]) => [parts].flat().map((part) => en(part.key, part.params)).join(' · ');
const status = (v: TransferView, limit: number) => english(transferStatus(v, limit));

const view = (overrides: Partial<Record<string, unknown>> = {}): TransferView => viewTransfer(transfer(overrides));

describe('transferStatus', () => {
  it('says how far, how fast and how long while bytes flow', () => {
    expect(status(view(), 2 * 1024 * MB)).toBe('5 MB of 20 MB · 2.5 MB/s · 6 s left');
    expect(view().percent).toBe(25);
  });

  it('names the other person for offers, and the result of the digest check', () => {
    expect(status(view({ state: 'offered' }), 0)).toBe('Ann wants to send you a file');
    expect(status(view({ state: 'offered', direction: 'outgoing' }), 0)).toBe('Waiting for Ann to accept…');
    expect(status(view({ state: 'complete', integrity: 'verified' }), 0)).toBe('Integrity verified (SHA-256)');
    expect(status(view({ state: 'failed', failure: 'digest-mismatch', integrity: 'mismatch' }), 0)).toBe('Integrity check failed');
  });

  it('explains a refusal over the size limit on both sides', () => {
    expect(status(view({ state: 'declined', declineReason: 'too-large' }), 2 * 1024 * MB)).toBe('Refused: over your limit of 2 GB');
    expect(status(view({ state: 'declined', declineReason: 'too-large', direction: 'outgoing' }), 0)).toBe('Too large for Ann');
    expect(status(view({ state: 'declined', declineReason: 'declined', direction: 'outgoing' }), 0)).toBe('Declined by Ann');
  });

  it('says who cancelled', () => {
    expect(status(view({ state: 'cancelled', cancelledBy: 'you' }), 0)).toBe('Cancelled');
    expect(status(view({ state: 'cancelled', cancelledBy: 'peer' }), 0)).toBe('Cancelled by Ann');
  });
});

describe('TransferListStore', () => {
  it('makes a new list when a transfer changes, and keeps the rows that did not', () => {
    const a = transfer({ key: 'a' }) as unknown as Record<string, unknown>;
    const b = transfer({ key: 'b' }) as unknown as Record<string, unknown>;
    const listeners = new Set<() => void>();
    const files: FilesLike = {
      transfers: [a, b] as unknown as FileTransfer[],
      maxFileSize: 0,
      on: (_event, listener) => {
        const l = () => listener(a as unknown as FileTransfer);
        listeners.add(l);
        return () => listeners.delete(l);
      },
    };
    const store = new TransferListStore(files);
    const stop = store.start();
    const first = store.getSnapshot();
    for (const l of listeners) l();
    expect(store.getSnapshot()).toBe(first);
    a.state = 'complete';
    for (const l of listeners) l();
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second[0]!.state).toBe('complete');
    expect(second[1]).toBe(first[1]);
    stop();
    expect(listeners.size).toBe(0);
  });
});

describe('describeSendFileError', () => {
  it('turns FILE_TOO_LARGE into the file\'s size and the limit', () => {
    const err = Object.assign(new Error('too big'), { code: 'FILE_TOO_LARGE' });
    expect(english(describeSendFileError(err, { name: 'disk.iso', size: 3 * 1024 ** 3 }, 2 * 1024 ** 3))).toBe('“disk.iso” is 3 GB: the most you can send is 2 GB.');
  });
});
