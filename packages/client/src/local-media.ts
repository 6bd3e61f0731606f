import type { MediaState } from '@confab/protocol';

/** The media kinds a Confab call carries, in m-line order. */
export const MEDIA_KINDS = ['audio', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The first live track of `kind` in the caller's stream, if any. */
export function localTrack(stream: MediaStream | null, kind: MediaKind): MediaStreamTrack | undefined {
  return stream?.getTracks().find((track) => track.kind === kind && track.readyState === 'live');
}

/** What the others should see: a kind counts as on when a live track of it is enabled. */
export function mediaStateOf(stream: MediaStream | null): MediaState {
  const on = (kind: MediaKind) =>
    stream?.getTracks().some((t) => t.kind === kind && t.readyState === 'live' && t.enabled) ?? false;
  return { audio: on('audio'), video: on('video') };
}

/** Mutes or unmutes the caller's tracks in place (`track.enabled`): no renegotiation. */
export function applyMediaState(stream: MediaStream | null, media: MediaState): void {
  if (!stream) return;
  for (const track of stream.getAudioTracks()) track.enabled = media.audio;
  for (const track of stream.getVideoTracks()) track.enabled = media.video;
}
