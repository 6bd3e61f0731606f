/** Sizes and timings of file transfers. Shared by the SDK, its tests and `bench/datachannel.ts`. */

/** The largest file a room sends or accepts unless `JoinOptions.maxFileSize` says otherwise: 2 GiB. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 ** 3;
/**
 * One binary frame on the file channel: a 4-byte header and up to 64 KiB − 4 bytes of the file.
 * 64 KiB measured best on Chromium loopback (bench/datachannel.ts); every current browser takes
 * messages of this size.
 */
export const FILE_CHUNK_SIZE = 64 * 1024;
/** The sender reads the file with `File.slice()` this much at a time, one read ahead. */
export const FILE_READ_SIZE = 1024 * 1024;
/** The sender stops sending while the file channel holds more than this, until `bufferedamountlow`. */
export const FILE_HIGH_WATER_MARK = 4 * 1024 * 1024;
/** The receiver turns its chunks into a Blob every this many bytes (the browser may keep big Blobs on disk). */
export const RECEIVE_BLOB_BATCH_BYTES = 8 * 1024 * 1024;
/** Progress events of one transfer come at most this often (plus one at the end). */
export const PROGRESS_INTERVAL_MS = 100;
/** Speed is measured over this sliding window. */
export const SPEED_WINDOW_MS = 2000;
/** The longest file name an offer may carry. */
export const MAX_FILE_NAME_LENGTH = 255;
