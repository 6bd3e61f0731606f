import type { Recorder, Room } from '@confab/client';
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { downloadBlob } from '../lib/download.js';
import { RecordingController, type RecordingStatus } from '../lib/recording-controller.js';

/**
 * Your recording of the call: its status and a stable `toggle` for the Record button. The file
 * downloads whenever it stops; leaving the room stops it; closing the tab asks first, and saves
 * what there is if the person goes anyway.
 */
export function useRecording(room: Room): { status: RecordingStatus; recording: boolean; toggle: () => void } {
  const controller = useMemo(() => new RecordingController(room, downloadBlob), [room]);
  const status = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const recording = status.state === 'recording';
  const toggle = useCallback(() => controller.toggle(), [controller]);

  useEffect(() => {
    const onPageHide = () => controller.handlePageHide();
    addEventListener('pagehide', onPageHide);
    return () => {
      removeEventListener('pagehide', onPageHide);
      // The room view goes (Leave): stop, and the file downloads.
      void controller.stop();
    };
  }, [controller]);

  useEffect(() => {
    if (!recording) return;
    // The browser shows its own "Leave site?" text; this only asks it to ask.
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    addEventListener('beforeunload', onBeforeUnload);
    return () => removeEventListener('beforeunload', onBeforeUnload);
  }, [recording]);

  return { status, recording, toggle };
}

function recordersStore(room: Room) {
  return {
    subscribe: (onChange: () => void) => room.recording.on('change', onChange),
    getSnapshot: () => room.recording.recorders,
  };
}

/** Everyone recording the call now, you included. */
export function useRecorders(room: Room): readonly Recorder[] {
  const store = useMemo(() => recordersStore(room), [room]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
