/** A peer connection whose sent track can be swapped without renegotiating. */
export interface TrackSender {
  replaceTrack(previous: MediaStreamTrack, next: MediaStreamTrack): Promise<boolean>;
}

/**
 * Puts `next` into `stream` in place of the stream's track of the same kind, carrying over its
 * mute state (`enabled`). Returns the track it replaced (not stopped yet), or undefined when the
 * stream had none of that kind. A `<video>` showing the stream follows on its own.
 */
export function swapStreamTrack(stream: MediaStream, next: MediaStreamTrack): MediaStreamTrack | undefined {
  const previous = stream.getTracks().find((t) => t.kind === next.kind && t !== next);
  if (previous) {
    next.enabled = previous.enabled;
    stream.removeTrack(previous);
  }
  if (!stream.getTrackById(next.id)) stream.addTrack(next);
  return previous;
}

/**
 * Replaces your camera or microphone in a call: swaps the track in the local stream (so peer
 * connections made later send the new one), then in every sender with `replaceTrack` (no
 * renegotiation, the call stays up), and stops the old track. Needs a track of that kind to
 * replace: a connection that never sent a camera cannot start without renegotiating.
 */
export async function replaceLocalTrack(
  stream: MediaStream | null,
  next: MediaStreamTrack,
  senders: Iterable<TrackSender>,
): Promise<MediaStreamTrack> {
  if (!stream || !stream.getTracks().some((t) => t.kind === next.kind)) {
    throw new TypeError(`There is no local ${next.kind} track to replace.`);
  }
  const previous = swapStreamTrack(stream, next);
  if (!previous) return next;
  await Promise.all([...senders].map((sender) => sender.replaceTrack(previous, next)));
  previous.stop();
  return previous;
}
