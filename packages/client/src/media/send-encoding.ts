import type { SendEncoding } from './send-policy.js';

/** What was last read back from a sender's `encodings[0]` after setting it. */
export type AppliedEncoding = Partial<SendEncoding>;

/**
 * Sets `encodings[0]` of a sender (bitrate cap, scale, frame rate) without renegotiation, and
 * reads back what the browser holds now. Rejects as `setParameters` does (a closed connection).
 */
export async function applySendEncoding(sender: RTCRtpSender, encoding: SendEncoding): Promise<AppliedEncoding> {
  const params = sender.getParameters();
  const [first, ...rest] = params.encodings ?? [];
  params.encodings = [{ ...first, ...encoding }, ...rest];
  await sender.setParameters(params);
  const now = sender.getParameters().encodings?.[0];
  return {
    ...(now?.maxBitrate !== undefined ? { maxBitrate: now.maxBitrate } : {}),
    ...(now?.scaleResolutionDownBy !== undefined ? { scaleResolutionDownBy: now.scaleResolutionDownBy } : {}),
    ...(now?.maxFramerate !== undefined ? { maxFramerate: now.maxFramerate } : {}),
  };
}
