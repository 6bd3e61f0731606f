import { loadDevicePreferences, withPreferredDevice, type DevicePreferences } from './device-preferences.js';
import { insecureContextError } from './media-errors.js';

/** Echo cancellation, noise suppression and gain control stay on: calls happen without headsets. */
export const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

/** 720p is plenty for a tile in a small mesh; the SDK lowers the bitrate as the room grows. */
export const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
  facingMode: 'user',
};

export type CaptureKind = 'camera-and-microphone' | 'microphone';

/** The constraints for `kind`, asking for the camera and microphone chosen last time (`devices`). */
export function captureConstraints(kind: CaptureKind, devices: DevicePreferences = {}): MediaStreamConstraints {
  const audio = withPreferredDevice(AUDIO_CONSTRAINTS, devices.audioinput);
  return kind === 'microphone' ? { audio, video: false } : { audio, video: withPreferredDevice(VIDEO_CONSTRAINTS, devices.videoinput) };
}

/** Asks the browser for the camera and/or microphone. Rejects with the browser's DOMException. */
export function captureMedia(kind: CaptureKind): Promise<MediaStream> {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!devices?.getUserMedia) return Promise.reject(insecureContextError());
  const preferred = loadDevicePreferences();
  if (!preferred.audioinput && !preferred.videoinput) return devices.getUserMedia(captureConstraints(kind));
  // The remembered devices, exactly; one that is gone (or busy) falls back to the browser's choice.
  return devices.getUserMedia(captureConstraints(kind, preferred)).catch((error: unknown) => {
    const name = (error as { name?: unknown } | null)?.name;
    if (name !== 'OverconstrainedError' && name !== 'NotFoundError' && name !== 'NotReadableError') throw error;
    return devices.getUserMedia(captureConstraints(kind));
  });
}

/** Ends every track of a stream, which turns off the camera light. Safe on null. */
export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Whether a stream has a live track of this kind that is switched on. */
export function isSending(stream: MediaStream | null, kind: 'audio' | 'video'): boolean {
  const tracks = kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks();
  return (tracks ?? []).some((track) => track.enabled && track.readyState === 'live');
}

/** Whether a stream has a track of this kind at all (a toggle is useless without one). */
export function hasTrack(stream: MediaStream | null, kind: 'audio' | 'video'): boolean {
  return (kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks())?.length ? true : false;
}
