/** Size and shape limits shared by the server, the SDK and the serverless backend. */

/** Largest signaling frame accepted, in bytes (UTF-8). Configurable per server, never above this default by accident. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Room names appear in URLs (`/r/<room>`), so they are URL-safe. */
export const ROOM_NAME_MAX = 64;
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
/** Display names: 1–32 characters after trimming, no control characters. */
export const DISPLAY_NAME_MAX = 32;
// C0/C1 controls, DEL, and the bidi/zero-width format characters that can disguise a name.
export const DISPLAY_NAME_FORBIDDEN = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;
export const PEER_ID_MAX = 64;
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const REQUEST_ID_MAX = 64;
/** A MediaStream id in SDP (msid): RFC 8830 allows 1 to 64 token characters; browsers use UUIDs, some in braces. */
export const STREAM_ID_MAX = 64;
export const STREAM_ID_PATTERN = /^[A-Za-z0-9!#$%&'*+.^_`{|}~-]+$/;
/** An SDP for a few m-lines is a few KiB; this leaves room for many without letting one message fill memory. */
export const SDP_MAX = 48 * 1024;
export const CANDIDATE_MAX = 1024;
/** JSON nesting deeper than this is refused before schema validation. */
export const MAX_JSON_DEPTH = 8;
/** A JWT is a few hundred bytes; 8 KiB leaves room for large grants. */
export const TOKEN_MAX = 8 * 1024;
export const PASSWORD_MAX = 128;
export const RESUME_TOKEN_MAX = 128;
