import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { AutoplayGuard } from '../lib/autoplay-guard.js';

export interface StreamVideoOptions {
  stream: MediaStream | null;
  /** Own camera: always muted, or we would hear ourselves. */
  muted: boolean;
  /** Changes when tracks arrive on the same stream, so playback is started again. */
  trackKey?: string;
  /** Plays remote media with sound, falling back to muted playback plus "Tap to unmute". */
  guard?: AutoplayGuard;
  /** Called once per stream when its first video frame is on screen. */
  onFirstFrame?: () => void;
}

/**
 * Shows a MediaStream in a `<video>`: sets `srcObject`, plays it (iOS needs `muted` set before
 * `play()` for autoplay), starts it again when the page comes back from the background, and
 * reports when the first frame is presented (`requestVideoFrameCallback`, else `playing`).
 */
export function useStreamVideo({ stream, muted, trackKey, guard, onFirstFrame }: StreamVideoOptions): {
  ref: RefObject<HTMLVideoElement | null>;
  hasFrame: boolean;
} {
  const ref = useRef<HTMLVideoElement>(null);
  const [framedStream, setFramedStream] = useState<MediaStream | null>(null);
  const onFirstFrameRef = useRef(onFirstFrame);
  onFirstFrameRef.current = onFirstFrame;

  // A layout effect: the stream is on the element in the same commit that puts the element in
  // the page, not after the browser painted the rest of the new view (under load, 100–200 ms
  // sooner to the first frame of a join: docs/join-latency.md).
  useLayoutEffect(() => {
    const video = ref.current;
    if (!video) return;
    // React sets `muted` as a property only; the attribute matters to iOS and to tests.
    video.muted = muted;
    video.toggleAttribute('muted', muted);
    if (video.srcObject !== stream) video.srcObject = stream;
    if (!stream) return;

    const play = () => {
      if (guard) void guard.play(video);
      else void video.play().catch(() => {});
    };
    play();

    const resume = () => {
      if (document.visibilityState === 'visible' && video.paused) play();
    };
    document.addEventListener('visibilitychange', resume);
    return () => document.removeEventListener('visibilitychange', resume);
  }, [stream, muted, trackKey, guard]);

  useLayoutEffect(() => {
    const video = ref.current;
    if (!video || !stream) return;
    let done = false;
    const framed = () => {
      if (done) return;
      done = true;
      setFramedStream(stream);
      onFirstFrameRef.current?.();
    };
    // Older Firefox and Safari lack requestVideoFrameCallback; `playing` with a size is close enough there.
    if (typeof video.requestVideoFrameCallback === 'function') {
      const handle = video.requestVideoFrameCallback(framed);
      return () => video.cancelVideoFrameCallback(handle);
    }
    const onPlaying = () => {
      if (video.videoWidth > 0) framed();
    };
    video.addEventListener('playing', onPlaying);
    video.addEventListener('resize', onPlaying);
    return () => {
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('resize', onPlaying);
    };
  }, [stream]);

  // On unmount: let go of the element in the guard, and of the stream once the page is idle.
  // Tearing the player down takes the main thread ~15 ms, and the lobby's preview unmounts in the
  // click on Join, when the room's first picture is waiting for it; an element out of the page is
  // paused already.
  useEffect(() => {
    const video = ref.current;
    return () => {
      if (!video) return;
      guard?.forget(video);
      whenIdle(() => {
        if (!video.isConnected) video.srcObject = null;
      });
    };
  }, [guard]);

  return { ref, hasFrame: stream !== null && framedStream === stream };
}

/** The longest a release waits for an idle moment. */
const RELEASE_TIMEOUT_MS = 2_000;

/** Runs `task` when the main thread is idle (no `requestIdleCallback` in Safari: a timer). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: RELEASE_TIMEOUT_MS });
  else setTimeout(task, RELEASE_TIMEOUT_MS);
}
