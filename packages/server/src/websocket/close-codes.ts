/** Close codes of RFC 6455 §7.4.1, as the server sends and reports them. */

export const CLOSE_NORMAL = 1000;
/** The endpoint received a frame that breaks the protocol (unmasked, reserved bits, bad opcode…). */
export const CLOSE_PROTOCOL_ERROR = 1002;
/** Reported when a close frame carried no status code; never sent. */
export const CLOSE_NO_STATUS = 1005;
/** Reported when the connection ended without a close frame; never sent. */
export const CLOSE_ABNORMAL = 1006;
/** A text message (or close reason) that is not valid UTF-8. */
export const CLOSE_INVALID_PAYLOAD = 1007;
export const CLOSE_POLICY_VIOLATION = 1008;
/** A message over the size limit. */
export const CLOSE_TOO_BIG = 1009;

/**
 * Whether a peer may send `code` in a close frame: the codes RFC 6455 defines for use on the
 * wire (1000–1003, 1007–1011, and 1012–1014 registered since), and 3000–4999 for libraries and
 * applications. 1004–1006 and 1015 are reserved and must not appear in a frame.
 */
export function isSendableCloseCode(code: number): boolean {
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006;
}
