import { CANDIDATE_MAX, PEER_ID_MAX, PEER_ID_PATTERN, REQUEST_ID_MAX } from './limits.js';

/**
 * The relay's fast path for the message a call sends most of: a `signal` carrying one trickled
 * ICE candidate. It reads the frame's text directly instead of JSON.parse, checks it against the
 * `ClientSignal` schema's rules as it goes, and returns the `data` value as the very text
 * `JSON.stringify` would write for it, so the relayed `signal {from, data}` is built by
 * concatenation (relayedSignalJson) without parsing or serialising the candidate again.
 *
 * It reads only a canonical subset of JSON, the one `JSON.stringify` writes: no whitespace, no
 * backslash (so no escapes) anywhere, no control characters, no UTF-16 surrogates (nor the code
 * units above them), integers written plainly, each key once. In that subset a string's text is its value, every byte of the
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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Below this, a character is a control character, which JSON strings may only hold escaped. */
const FIRST_PRINTABLE = 0x20;
/**
 * The first UTF-16 surrogate. Code units from here up (surrogates, and the few characters above
 * them, which no ICE candidate holds) send the frame the ordinary way: one comparison per
 * character instead of two, and no lone surrogate can reach the concatenated output.
 */
const FIRST_SURROGATE = 0xd800;
const COMMA = 0x2c;
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

/** Member names with their quotes and colon, matched in place (no substring is made for a key). */
const TYPE_KEY = '"type":';
const TO_KEY = '"to":';
const DATA_KEY = '"data":';
const RID_KEY = '"rid":';
const CANDIDATE_KEY = '"candidate":';
const SDP_MID_KEY = '"sdpMid":';
const M_LINE_INDEX_KEY = '"sdpMLineIndex":';
const USERNAME_FRAGMENT_KEY = '"usernameFragment":';
const SIGNAL_VALUE = '"signal"';

/**
 * One frame being read: the text and a position that the small readers below move along. One
 * instance serves every frame (reading is synchronous), so a scan allocates only its result.
 */
class Scanner {
  text = '';
  pos = 0;

  /** Moves past `token` if it is at the position. */
  private take(token: string): boolean {
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }

  /**
   * Where the string starting at the position ends (its closing quote), or -1 if there is none
   * or it holds a backslash, a control character or a code unit from FIRST_SURROGATE up. So the strings this scanner
   * accepts have no escapes: their text is their value.
   */
  private stringEnd(): number {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== QUOTE) return -1;
    for (let at = this.pos + 1; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c === QUOTE) return at;
      if (c < FIRST_PRINTABLE || c === BACKSLASH || c >= FIRST_SURROGATE) return -1;
    }
    return -1;
  }

  /** Moves past a string of `min`..`max` characters (or, when `nullable`, null). */
  private boundedString(min: number, max: number, nullable: boolean): boolean {
    if (nullable && this.take(NULL_TEXT)) return true;
    const end = this.stringEnd();
    const length = end - this.pos - 1;
    if (end < 0 || length < min || length > max) return false;
    this.pos = end + 1;
    return true;
  }

  /** null, or an integer 0..1024 written plainly (no sign, fraction, exponent or leading zero). */
  private mLineIndex(): boolean {
    if (this.take(NULL_TEXT)) return true;
    const text = this.text;
    const start = this.pos;
    let at = start;
    let value = 0;
    for (let c = text.charCodeAt(at); c >= DIGIT_0 && c <= DIGIT_9; c = text.charCodeAt(++at)) value = value * 10 + (c - DIGIT_0);
    const digits = at - start;
    if (digits === 0 || digits > M_LINE_INDEX_DIGITS || (digits > 1 && text.charCodeAt(start) === DIGIT_0) || value > M_LINE_INDEX_MAX) return false;
    this.pos = at;
    return true;
  }

  /** After a member: `,` (true, another follows) or `}` (false, the object ends); undefined otherwise. */
  private separator(): boolean | undefined {
    const c = this.text.charCodeAt(this.pos++);
    if (c === COMMA) return true;
    if (c === CLOSE_BRACE) return false;
    return undefined;
  }

  /** The ICE candidate object: `candidate` required; `sdpMid`, `sdpMLineIndex`, `usernameFragment` optional; each once. */
  private candidate(): boolean {
    if (this.text.charCodeAt(this.pos) !== OPEN_BRACE) return false;
    this.pos++;
    let candidate = false;
    let sdpMid = false;
    let mLineIndex = false;
    let fragment = false;
    for (;;) {
      if (!candidate && this.take(CANDIDATE_KEY)) {
        candidate = true;
        if (!this.boundedString(0, CANDIDATE_MAX, false)) return false;
      } else if (!sdpMid && this.take(SDP_MID_KEY)) {
        sdpMid = true;
        if (!this.boundedString(0, SDP_MID_MAX, true)) return false;
      } else if (!mLineIndex && this.take(M_LINE_INDEX_KEY)) {
        mLineIndex = true;
        if (!this.mLineIndex()) return false;
      } else if (!fragment && this.take(USERNAME_FRAGMENT_KEY)) {
        fragment = true;
        if (!this.boundedString(0, USERNAME_FRAGMENT_MAX, true)) return false;
      } else {
        return false;
      }
      const more = this.separator();
      if (more === undefined) return false;
      if (!more) return candidate;
    }
  }

  /** `{"candidate":null}` or `{"candidate":{…}}`. */
  private data(): boolean {
    return this.take(DATA_OPEN) && (this.take(NULL_TEXT) || this.candidate()) && this.text.charCodeAt(this.pos++) === CLOSE_BRACE;
  }

  /** The peer id of `to`, or undefined. */
  private peerId(): string | undefined {
    const pos = this.pos;
    const end = this.stringEnd();
    if (end < 0 || end - pos - 1 < 1 || end - pos - 1 > PEER_ID_MAX) return undefined;
    const id = this.text.slice(pos + 1, end);
    if (!PEER_ID_PATTERN.test(id)) return undefined;
    this.pos = end + 1;
    return id;
  }

  scan(frame: string): ScannedSignal | undefined {
    if (frame.charCodeAt(0) !== OPEN_BRACE) return undefined;
    this.text = frame;
    this.pos = 1;
    let type = false;
    let rid = false;
    let to: string | undefined;
    let data: string | undefined;
    for (;;) {
      if (!type && this.take(TYPE_KEY)) {
        if (!this.take(SIGNAL_VALUE)) return undefined;
        type = true;
      } else if (to === undefined && this.take(TO_KEY)) {
        to = this.peerId();
        if (to === undefined) return undefined;
      } else if (data === undefined && this.take(DATA_KEY)) {
        const start = this.pos;
        if (!this.data()) return undefined;
        data = frame.slice(start, this.pos);
      } else if (!rid && this.take(RID_KEY)) {
        rid = true;
        if (!this.boundedString(1, REQUEST_ID_MAX, false)) return undefined;
      } else {
        return undefined;
      }
      const more = this.separator();
      if (more === undefined) return undefined;
      if (!more) break;
    }
    if (this.pos !== frame.length || !type || to === undefined || data === undefined) return undefined;
    return { to, data };
  }
}

const scanner = new Scanner();

/**
 * Reads `frame` as a `signal` carrying an ICE candidate (or the end of candidates), in the
 * canonical form described above. Undefined means "not on the fast path", not "invalid".
 */
export function scanCandidateSignal(frame: string): ScannedSignal | undefined {
  const scanned = scanner.scan(frame);
  scanner.text = '';
  return scanned;
}

/**
 * The relayed `signal` as JSON text: what `JSON.stringify({ type: 'signal', from, data })` writes,
 * given `data` as JSON text (a ScannedSignal's). `from` is a peer id the server issued.
 */
export function relayedSignalJson(from: string, data: string): string {
  return `{"type":"signal","from":${JSON.stringify(from)},"data":${data}}`;
}
