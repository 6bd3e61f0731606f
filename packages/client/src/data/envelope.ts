import { ConfabClientError } from '../errors.js';

/**
 * The frames of the message channel: JSON `{ "ch": <channel name>, "body": <any JSON> }`. One
 * data channel carries every named channel of the room; `ch` says which.
 */
export interface Envelope {
  ch: string;
  body: unknown;
}

/** The largest frame the message channel sends or accepts, in bytes of UTF-8 (well below SCTP's 256 KiB). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** The longest channel name. */
export const MAX_CHANNEL_NAME_LENGTH = 64;

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

export function isChannelName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_CHANNEL_NAME_LENGTH;
}

/**
 * Serializes a message for `ch`. Throws a TypeError for a body JSON cannot represent (a cycle, a
 * BigInt) and ConfabClientError `MESSAGE_TOO_LARGE` past MAX_MESSAGE_BYTES.
 */
export function encodeEnvelope(ch: string, body: unknown): string {
  const text = JSON.stringify({ ch, body });
  if (utf8Length(text) > MAX_MESSAGE_BYTES) {
    throw new ConfabClientError('MESSAGE_TOO_LARGE', `A message on "${ch}" is over ${MAX_MESSAGE_BYTES} bytes once serialized.`);
  }
  return text;
}

/** Parses one frame of the message channel; anything else says why it was refused. */
export function parseEnvelope(frame: string | ArrayBuffer): EnvelopeResult {
  if (typeof frame !== 'string') return { ok: false, reason: 'a binary frame on the message channel' };
  if (utf8Length(frame) > MAX_MESSAGE_BYTES) return { ok: false, reason: `a frame over ${MAX_MESSAGE_BYTES} bytes` };
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return { ok: false, reason: 'a frame that is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'a frame that is not an object' };
  const { ch, body } = value as { ch?: unknown; body?: unknown };
  if (!isChannelName(ch)) return { ok: false, reason: 'a frame without a valid "ch"' };
  return { ok: true, envelope: { ch, body } };
}

/** The UTF-8 size of `text`, computed only when it could matter. */
function utf8Length(text: string): number {
  // A UTF-16 unit is at most 3 bytes of UTF-8.
  if (text.length * 3 <= MAX_MESSAGE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}
