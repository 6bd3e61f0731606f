import type { MediaState, Room } from '@confab/client';
import { useState } from 'react';

/**
 * Your microphone and camera as the others see them (`room.self.media`), and a setter that mutes
 * or unmutes the local tracks and tells the room.
 */
export function useSelfMedia(room: Room): [MediaState, (next: MediaState) => void] {
  const [media, setMediaState] = useState<MediaState>(() => room.self.media);
  const setMedia = (next: MediaState) => {
    room.setMedia(next);
    setMediaState(room.self.media);
  };
  return [media, setMedia];
}
