import type { MediaState } from '@confab/client';
import { useState } from 'react';
import type { MessageKey } from '../i18n/messages.js';
import type { ShortcutHandlers } from './useShortcuts.js';

export interface MediaShortcuts {
  /** The `microphone` and `camera` handlers for useShortcuts; absent for a device the call has not got. */
  handlers: Pick<ShortcutHandlers, 'microphone' | 'camera'>;
  /** What the last key did, for a `role="status"` region (a screen reader says it). */
  announcement: MessageKey | null;
}

/** The microphone and camera keys of a call, and what to announce when one is used. */
export function useMediaShortcuts(
  media: MediaState,
  setMedia: (media: MediaState) => void,
  canAudio: boolean,
  canVideo: boolean,
): MediaShortcuts {
  const [announcement, setAnnouncement] = useState<MessageKey | null>(null);
  return {
    announcement,
    handlers: {
      microphone: canAudio
        ? () => {
            setMedia({ ...media, audio: !media.audio });
            setAnnouncement(media.audio ? 'shortcuts.announce.muted' : 'shortcuts.announce.unmuted');
          }
        : undefined,
      camera: canVideo
        ? () => {
            setMedia({ ...media, video: !media.video });
            setAnnouncement(media.video ? 'shortcuts.announce.cameraOff' : 'shortcuts.announce.cameraOn');
          }
        : undefined,
    },
  };
}
