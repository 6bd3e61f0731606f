/** Formats tried for a recording, best first: VP8 is cheap to encode in software, then VP9, then what the browser picks. */
export const RECORDING_MIME_TYPES = [
  'video/webm;codecs=vp8,opus',
  'video/webm;codecs=vp9,opus',
  'video/webm',
  'video/mp4;codecs=avc1,mp4a',
  'video/mp4',
] as const;

/** The first of RECORDING_MIME_TYPES the browser can record (`MediaRecorder.isTypeSupported`), or undefined. */
export function pickMimeType(isTypeSupported: (type: string) => boolean): string | undefined {
  return RECORDING_MIME_TYPES.find((type) => {
    try {
      return isTypeSupported(type);
    } catch {
      return false;
    }
  });
}

/** The file extension for a recording's MIME type. */
export function extensionOf(mimeType: string): string {
  return mimeType.startsWith('video/mp4') ? 'mp4' : 'webm';
}

/**
 * A file name for a recording of `room` started at `date` (local time):
 * `confab-<room>-2026-12-04-1430.webm`. Room names are already safe in a file name.
 */
export function recordingFileName(room: string, date: Date, mimeType: string): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}`;
  const safe = room.replace(/[^\w-]+/g, '_').slice(0, 64) || 'room';
  return `confab-${safe}-${stamp}.${extensionOf(mimeType)}`;
}
