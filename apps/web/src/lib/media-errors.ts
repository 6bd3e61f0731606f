/** Why the camera or microphone could not be started, in the person's terms. */
export type MediaProblemKind = 'denied' | 'missing' | 'busy' | 'insecure' | 'unknown';

export interface MediaProblem {
  kind: MediaProblemKind;
  /** A plain sentence to show, saying what happened and what can be done. */
  message: string;
}

const MESSAGES: Record<MediaProblemKind, string> = {
  denied:
    'Your browser blocked the camera for this page. Allow camera and microphone in the site settings and reload, or join without them.',
  missing: 'No camera was found on this device. Plug one in and reload, or join without it.',
  busy: 'Your camera or microphone could not be started. Another app may be using it. Close that app and reload, or join without it.',
  insecure:
    'This page is not served over HTTPS, so the browser does not offer the camera or microphone. You can still join without them.',
  unknown: 'The camera and microphone could not be started. You can still join without them.',
};

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    return error.name;
  }
  return '';
}

/** Maps a getUserMedia failure (a DOMException by name) to a problem a person can act on. */
export function describeMediaError(error: unknown): MediaProblem {
  const kind = kindOf(errorName(error));
  return { kind, message: MESSAGES[kind] };
}

function kindOf(name: string): MediaProblemKind {
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'InsecureContextError':
      return 'insecure';
    default:
      return 'unknown';
  }
}

/** Thrown by `LocalMedia` when `navigator.mediaDevices` is absent, which browsers do on plain http. */
export function insecureContextError(): Error {
  const error = new Error('navigator.mediaDevices is not available (the page is not a secure context)');
  error.name = 'InsecureContextError';
  return error;
}
