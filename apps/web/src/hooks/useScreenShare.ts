import { canShareScreen, type Room } from '@confab/client';
import { useCallback, useState, useSyncExternalStore } from 'react';

export interface ScreenShareControl {
  /** Whether you are sharing your screen now (also false after the browser's own "Stop sharing"). */
  sharing: boolean;
  /** Whether this browser can share a screen at all. */
  supported: boolean;
  /** Starts or stops sharing. Call it from a click or key handler: the browser asks at once. */
  toggle: () => void;
  /** The last attempt failed for a reason other than the person cancelling the picker. */
  failed: boolean;
}

/**
 * Your screen share, as the toolbar button and the keyboard shortcut see it. The state comes
 * from the room (`room.screenShare`), so every caller of this hook agrees.
 */
export function useScreenShare(room: Room): ScreenShareControl {
  const subscribe = useCallback((onChange: () => void) => room.on('screenShare', onChange), [room]);
  const sharing = useSyncExternalStore(subscribe, () => room.screenShare !== null);
  const [failed, setFailed] = useState(false);
  const toggle = useCallback(() => {
    if (room.screenShare) {
      room.stopScreenShare();
      return;
    }
    setFailed(false);
    room.startScreenShare().catch((err: unknown) => {
      // Cancelling the picker is a choice, not an error.
      if (!(err instanceof DOMException && err.name === 'NotAllowedError')) {
        console.warn('[confab-web] screen sharing failed:', err);
        setFailed(true);
      }
    });
  }, [room]);
  return { sharing, supported: canShareScreen(), toggle, failed };
}
