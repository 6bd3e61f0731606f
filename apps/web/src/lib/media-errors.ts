import type { MessageKey } from '../i18n/messages.js';
import { text, type Text } from '../i18n/text.js';

/** Why the camera or microphone could not be started, in the person's terms. */
export type MediaProblemKind = 'denied' | 'missing' | 'busy' | 'insecure' | 'unknown';

export interface MediaProblem {
  kind: MediaProblemKind;
  /** A plain sentence to show, saying what happened and what can be done. */
  message: Text;
}

const MESSAGES: Record<MediaProblemKind, MessageKey> = {
  denied: 'errors.media.denied',
  missing: 'errors.media.missing',
  busy: 'errors.media.busy',
  insecure: 'errors.media.insecure',
  unknown: 'errors.media.unknown',
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
  return { kind, message: text(MESSAGES[kind]) };
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
