import { MAX_FILE_NAME_LENGTH } from './constants.js';

/**
 * The file channel's protocol. Text frames are JSON control messages; binary frames are file
 * bytes: a 4-byte big-endian transfer id, then the bytes. Transfer ids are chosen by the sender
 * and name its outgoing transfer on that link; `cancel` says which side sent it, since either
 * side may cancel. One ordered channel carries all of it, so `end` always follows the last chunk.
 *
 *   sender → receiver: offer, (chunks), end { sha256 }, cancel { by: 'sender' }
 *   receiver → sender: accept, decline { reason }, verdict { ok }, cancel { by: 'receiver' }
 */
export type FileControl =
  | { t: 'offer'; id: number; name: string; size: number; type: string }
  | { t: 'accept'; id: number }
  | { t: 'decline'; id: number; reason: DeclineReason; maxFileSize?: number }
  | { t: 'cancel'; id: number; by: 'sender' | 'receiver' }
  | { t: 'end'; id: number; sha256: string }
  | { t: 'verdict'; id: number; ok: boolean };

/** `declined`: the person said no; `too-large`: over the receiver's `maxFileSize`. */
export type DeclineReason = 'declined' | 'too-large';

export const CHUNK_HEADER_BYTES = 4;
const MAX_TRANSFER_ID = 0xffff_ffff;
const MAX_TYPE_LENGTH = 255;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** type/subtype, nothing that could smuggle parameters or markup. */
const MIME_TYPE = /^[\w.+-]+\/[\w.+-]+$/;

export function isTransferId(id: unknown): id is number {
  return Number.isInteger(id) && (id as number) >= 1 && (id as number) <= MAX_TRANSFER_ID;
}

/** A name safe to show and to save as: no path separators, no control characters. */
export function sanitizeFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim().slice(0, MAX_FILE_NAME_LENGTH);
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : 'file';
}

export type ParseResult = { ok: true; msg: FileControl } | { ok: false; reason: string };

/** Parses one text frame of the file channel. Never throws. */
export function parseFileControl(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'not an object' };
  const v = value as Record<string, unknown>;
  if (!isTransferId(v.id)) return { ok: false, reason: 'no valid transfer id' };
  const id = v.id;
  switch (v.t) {
    case 'offer': {
      if (typeof v.name !== 'string' || v.name.length === 0 || v.name.length > MAX_FILE_NAME_LENGTH) return bad('offer: bad name');
      if (!Number.isSafeInteger(v.size) || (v.size as number) < 0) return bad('offer: bad size');
      const type = typeof v.type === 'string' && v.type.length <= MAX_TYPE_LENGTH && MIME_TYPE.test(v.type) ? v.type : '';
      return { ok: true, msg: { t: 'offer', id, name: sanitizeFileName(v.name), size: v.size as number, type } };
    }
    case 'accept':
      return { ok: true, msg: { t: 'accept', id } };
    case 'decline': {
      const reason: DeclineReason = v.reason === 'too-large' ? 'too-large' : 'declined';
      const max = Number.isSafeInteger(v.maxFileSize) && (v.maxFileSize as number) >= 0 ? (v.maxFileSize as number) : undefined;
      return { ok: true, msg: { t: 'decline', id, reason, ...(max === undefined ? {} : { maxFileSize: max }) } };
    }
    case 'cancel':
      if (v.by !== 'sender' && v.by !== 'receiver') return bad('cancel: bad "by"');
      return { ok: true, msg: { t: 'cancel', id, by: v.by } };
    case 'end':
      if (typeof v.sha256 !== 'string' || !SHA256_HEX.test(v.sha256)) return bad('end: bad sha256');
      return { ok: true, msg: { t: 'end', id, sha256: v.sha256 } };
    case 'verdict':
      if (typeof v.ok !== 'boolean') return bad('verdict: bad "ok"');
      return { ok: true, msg: { t: 'verdict', id, ok: v.ok } };
    default:
      return bad('unknown type');
  }
}

export function encodeFileControl(msg: FileControl): string {
  return JSON.stringify(msg);
}

/** A binary frame: the transfer id, then `bytes`. One copy, into the frame. */
export function encodeChunk(id: number, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(CHUNK_HEADER_BYTES + bytes.byteLength);
  new DataView(frame.buffer).setUint32(0, id);
  frame.set(bytes, CHUNK_HEADER_BYTES);
  return frame;
}

/** Splits a binary frame into its transfer id and bytes (a view, no copy); undefined if malformed. */
export function decodeChunk(frame: ArrayBuffer): { id: number; bytes: Uint8Array<ArrayBuffer> } | undefined {
  if (frame.byteLength < CHUNK_HEADER_BYTES) return undefined;
  const id = new DataView(frame).getUint32(0);
  if (!isTransferId(id)) return undefined;
  return { id, bytes: new Uint8Array(frame, CHUNK_HEADER_BYTES) };
}

function bad(reason: string): ParseResult {
  return { ok: false, reason };
}
