import { fastStartEncodings, startSmall } from './fast-start.js';
import { localTrack, MEDIA_KINDS } from './local-media.js';

type TransceiverHost = Pick<RTCPeerConnection, 'getTransceivers'>;

/**
 * The newcomer's side: one transceiver per kind, sending the local track when there is one and
 * receive-only otherwise (so someone with no camera still sees the others). Returns the video's
 * sender when its first encoding starts small (fast-start.ts).
 */
export function addMediaTransceivers(pc: Pick<RTCPeerConnection, 'addTransceiver'>, stream: MediaStream | null): RTCRtpSender | undefined {
  const streams = stream ? [stream] : [];
  let small: RTCRtpSender | undefined;
  for (const kind of MEDIA_KINDS) {
    const track = localTrack(stream, kind);
    const sendEncodings = kind === 'video' ? fastStartEncodings(track) : undefined;
    const transceiver = pc.addTransceiver(track ?? kind, {
      direction: track ? 'sendrecv' : 'recvonly',
      streams,
      ...(sendEncodings ? { sendEncodings } : {}),
    });
    if (sendEncodings) small = transceiver.sender;
  }
  return small;
}

/**
 * The existing member's side, on the newcomer's first offer: put the local tracks on the
 * offered transceivers of the same kind, so the answer sends media back in the same round trip.
 * Resolves the video's sender when it starts small (fast-start.ts).
 */
export async function attachToOffer(pc: TransceiverHost, stream: MediaStream | null): Promise<RTCRtpSender | undefined> {
  if (!stream) return undefined;
  const used = new Set<RTCRtpTransceiver>();
  let small: RTCRtpSender | undefined;
  for (const kind of MEDIA_KINDS) {
    const track = localTrack(stream, kind);
    if (!track) continue;
    const transceiver = freeTransceiver(pc, kind, used);
    if (!transceiver) continue;
    await transceiver.sender.replaceTrack(track);
    transceiver.sender.setStreams(stream);
    transceiver.direction = 'sendrecv';
    if (kind === 'video' && (await startSmall(transceiver.sender, track).catch(() => false))) small = transceiver.sender;
  }
  return small;
}

/** The first offered transceiver of `kind` with no track to send, not in `used` (which it joins). */
export function freeTransceiver(pc: TransceiverHost, kind: string, used: Set<RTCRtpTransceiver>): RTCRtpTransceiver | undefined {
  const transceiver = pc
    .getTransceivers()
    .find(
      (t) =>
        !used.has(t) &&
        t.receiver.track.kind === kind &&
        t.sender.track === null &&
        t.direction !== 'stopped' &&
        t.currentDirection !== 'stopped',
    );
  if (transceiver) used.add(transceiver);
  return transceiver;
}

/** The transceiver of the camera or microphone: the first one of its kind (the others are extras). */
export function mediaTransceiver(pc: TransceiverHost, kind: string): RTCRtpTransceiver | undefined {
  return pc.getTransceivers().find((t) => t.receiver.track.kind === kind && t.currentDirection !== 'stopped');
}
