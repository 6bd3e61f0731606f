import { CANDIDATE_MAX, PEER_ID_MAX, PEER_ID_PATTERN, REQUEST_ID_MAX } from './limits.js';

/**
 * The relay's fast path for the message a call sends most of: a `signal` carrying one trickled
 * ICE candidate. It reads the frame's text directly instead of JSON.parse, checks it against the
 * `ClientSignal` schema's rules as it goes, and returns the `data` value as the very text
 * `JSON.stringify` would write for it, so the relayed `signal {from, data}` is built by
 * concatenation (relayedSignalJson) without parsing or serialising the candidate again.
 *
 * It reads only a canonical subset of JSON, the one `JSON.stringify` writes: no whitespace, no
 * backslash (so no escapes) anywhere, no control characters or UTF-16 surrogates, integers
 * written plainly, each key once. In that subset a string's text is its value, every byte of the
 * data text has been checked, and the text is exactly what JSON.stringify writes for the parsed
 * value. Anything else (an SDP description, an escape, a duplicate key, a value out of range,
 * whitespace) returns undefined and goes the ordinary way (parseClientMessage and the zod schema),
 * which decides and explains. It must never accept what the schema refuses, nor return data text
 * other than the schema's output serialised: signal-scan.test.ts holds it to both with generated
 * messages, valid and broken.
 */

export interface ScannedSignal {
  to: string;
  /** The `data` value as JSON text, exactly `JSON.stringify` of what the schema outputs. */
  data: string;
}

/** Backslash, control characters, surrogates: any of these sends the frame the ordinary way. */
const NOT_CANONICAL = /[\u0000-\u001f\\\ud800-\udfff]/;

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

const SDP_MID_MAX = 64;
const M_LINE_INDEX_MAX = 1024;
/** Digits of M_LINE_INDEX_MAX: a longer run is out of range (leading zeros are not JSON). */
const M_LINE_INDEX_DIGITS = 4;
const USERNAME_FRAGMENT_MAX = 256;

const NULL_TEXT = 'null';
const DATA_OPEN = '{"candidate":';

/** Reading position and failure, shared by the small readers below (one scan at a time). */
let text = '';
let pos = 0;

/** A string at `pos` (no escapes can occur); its value, or undefined if there is none. */
function readString(): string | undefined {
  if (text.charCodeAt(pos) !== QUOTE) return undefined;
  const end = text.indexOf('"', pos + 1);
  if (end < 0) return undefined;
  const value = text.slice(pos + 1, end);
  pos = end + 1;
  return value;
}

/** `"key":` at `pos`; the key, or undefined. */
function readKey(): string | undefined {
  const key = readString();
  if (key === undefined || text.charCodeAt(pos) !== COLON) return undefined;
  pos++;
  return key;
}

function readNull(): boolean {
  if (!text.startsWith(NULL_TEXT, pos)) return false;
  pos += NULL_TEXT.length;
  return true;
}

/** A string of `min`..`max` characters, or (when `nullable`) null. */
function readBoundedString(min: number, max: number, nullable: boolean): boolean {
  if (nullable && readNull()) return true;
  const value = readString();
  return value !== undefined && value.length >= min && value.length <= max;
}

/** null, or an integer 0..1024 written plainly (no sign, fraction, exponent or leading zero). */
function readMLineIndex(): boolean {
  if (readNull()) return true;
  const start = pos;
  let value = 0;
  for (let c = text.charCodeAt(pos); c >= DIGIT_0 && c <= DIGIT_9; c = text.charCodeAt(++pos)) value = value * 10 + (c - DIGIT_0);
  const digits = pos - start;
  if (digits === 0 || digits > M_LINE_INDEX_DIGITS) return false;
  if (digits > 1 && text.charCodeAt(start) === DIGIT_0) return false;
  return value <= M_LINE_INDEX_MAX;
}

/** After a member: `,` (true, another follows) or `}` (false, the object ends); undefined otherwise. */
function readSeparator(): boolean | undefined {
  const c = text.charCodeAt(pos++);
  if (c === COMMA) return true;
  if (c === CLOSE_BRACE) return false;
  return undefined;
}

/** The ICE candidate object: `candidate` required; `sdpMid`, `sdpMLineIndex`, `usernameFragment` optional. */
function readCandidate(): boolean {
  if (text.charCodeAt(pos) !== OPEN_BRACE) return false;
  pos++;
  let candidate = false;
  let sdpMid = false;
  let mLineIndex = false;
  let fragment = false;
  for (;;) {
    const key = readKey();
    if (key === 'candidate' && !candidate) {
      candidate = true;
      if (!readBoundedString(0, CANDIDATE_MAX, false)) return false;
    } else if (key === 'sdpMid' && !sdpMid) {
      sdpMid = true;
      if (!readBoundedString(0, SDP_MID_MAX, true)) return false;
    } else if (key === 'sdpMLineIndex' && !mLineIndex) {
      mLineIndex = true;
      if (!readMLineIndex()) return false;
    } else if (key === 'usernameFragment' && !fragment) {
      fragment = true;
      if (!readBoundedString(0, USERNAME_FRAGMENT_MAX, true)) return false;
    } else {
      return false;
    }
    const more = readSeparator();
    if (more === undefined) return false;
    if (!more) return candidate;
  }
}

/** `{"candidate":null}` or `{"candidate":{…}}` at `pos`: the end of it, or -1. */
function readData(): number {
  if (!text.startsWith(DATA_OPEN, pos)) return -1;
  pos += DATA_OPEN.length;
  if (!readNull() && !readCandidate()) return -1;
  if (text.charCodeAt(pos) !== CLOSE_BRACE) return -1;
  return ++pos;
}

function scan(): ScannedSignal | undefined {
  if (text.charCodeAt(0) !== OPEN_BRACE || NOT_CANONICAL.test(text)) return undefined;
  pos = 1;
  let type = false;
  let rid = false;
  let to: string | undefined;
  let data: string | undefined;
  for (;;) {
    const key = readKey();
    if (key === 'type' && !type) {
      if (readString() !== 'signal') return undefined;
      type = true;
    } else if (key === 'to' && to === undefined) {
      to = readString();
      if (to === undefined || to.length < 1 || to.length > PEER_ID_MAX || !PEER_ID_PATTERN.test(to)) return undefined;
    } else if (key === 'data' && data === undefined) {
      const start = pos;
      const end = readData();
      if (end < 0) return undefined;
      data = text.slice(start, end);
    } else if (key === 'rid' && !rid) {
      rid = true;
      if (!readBoundedString(1, REQUEST_ID_MAX, false)) return undefined;
    } else {
      return undefined;
    }
    const more = readSeparator();
    if (more === undefined) return undefined;
    if (!more) break;
  }
  if (pos !== text.length || !type || to === undefined || data === undefined) return undefined;
  return { to, data };
}

/**
 * Reads `frame` as a `signal` carrying an ICE candidate (or the end of candidates), in the
 * canonical form described above. Undefined means "not on the fast path", not "invalid".
 */
export function scanCandidateSignal(frame: string): ScannedSignal | undefined {
  text = frame;
  try {
    return scan();
  } finally {
    text = '';
  }
}

/**
 * The relayed `signal` as JSON text: what `JSON.stringify({ type: 'signal', from, data })` writes,
 * given `data` as JSON text (a ScannedSignal's). `from` is a peer id the server issued.
 */
export function relayedSignalJson(from: string, data: string): string {
  return `{"type":"signal","from":${JSON.stringify(from)},"data":${data}}`;
}
