import type { ClientMessageOf } from './client-messages.js';
import { CANDIDATE_MAX, PEER_ID_MAX, PEER_ID_PATTERN, REQUEST_ID_MAX, SDP_MAX } from './limits.js';

/**
 * A hand-written check of the `signal` message, the one a call sends most of (a dozen or more
 * candidates per peer). It accepts only what the `ClientSignal` schema accepts, without zod's
 * generic machinery; anything it does not accept goes on to the schema, which decides and
 * explains. So it must never accept more than the schema: signal-check.test.ts holds it to that
 * with generated messages, valid and broken.
 */

type Signal = ClientMessageOf<'signal'>;

const SDP_TYPES: ReadonlySet<unknown> = new Set(['offer', 'answer', 'pranswer', 'rollback']);
const SDP_MID_MAX = 64;
const M_LINE_INDEX_MAX = 1024;
const USERNAME_FRAGMENT_MAX = 256;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** Absent, null or a string of at most `max` characters. */
function isOptionalNullableString(value: unknown, max: number): boolean {
  return value === undefined || value === null || isString(value, 0, max);
}

function isCandidate(value: unknown): boolean {
  if (value === null) return true;
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (key !== 'candidate' && key !== 'sdpMid' && key !== 'sdpMLineIndex' && key !== 'usernameFragment') return false;
  }
  const index = value.sdpMLineIndex;
  return (
    isString(value.candidate, 0, CANDIDATE_MAX) &&
    isOptionalNullableString(value.sdpMid, SDP_MID_MAX) &&
    (index === undefined || index === null || (Number.isInteger(index) && (index as number) >= 0 && (index as number) <= M_LINE_INDEX_MAX)) &&
    isOptionalNullableString(value.usernameFragment, USERNAME_FRAGMENT_MAX)
  );
}

function isDescription(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (key !== 'type' && key !== 'sdp') return false;
  }
  return SDP_TYPES.has(value.type) && (value.sdp === undefined || isString(value.sdp, 0, SDP_MAX));
}

function isSignalData(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  let only: string | undefined;
  for (const key in value) {
    if (only !== undefined) return false;
    only = key;
  }
  if (only === 'candidate') return isCandidate(value.candidate);
  if (only === 'description') return isDescription(value.description);
  return false;
}

/** True only for a value the `ClientSignal` schema accepts unchanged (a false may still be valid). */
export function isClientSignal(value: unknown): value is Signal {
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (key !== 'type' && key !== 'to' && key !== 'data' && key !== 'rid') return false;
  }
  const { rid, to } = value;
  return (
    value.type === 'signal' &&
    isString(to, 1, PEER_ID_MAX) &&
    PEER_ID_PATTERN.test(to) &&
    (rid === undefined || isString(rid, 1, REQUEST_ID_MAX)) &&
    isSignalData(value.data)
  );
}
