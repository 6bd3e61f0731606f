import type { Room } from '@confab/client';
import { useCallback, useEffect, useState } from 'react';
import { stopStream } from '../lib/media-streams.js';

/** A joined room and the local stream sent into it. */
export interface Call {
  room: Room;
  stream: MediaStream | null;
}

/**
 * Owns the current call. Ending it (or unmounting) closes the room and stops the local tracks,
 * which the SDK leaves to the caller. Ownership lives here, in a long-lived component, so that
 * a remount of the room view (React StrictMode does one) cannot end the call.
 */
export function useCall(): { call: Call | null; start: (call: Call) => void; end: () => void } {
  const [call, setCall] = useState<Call | null>(null);

  useEffect(() => {
    if (!call) return;
    // A room that closes on its own (the connection dropped) ends the call: the camera goes off.
    const off = call.room.on('closed', () => stopStream(call.stream));
    return () => {
      off();
      call.room.close();
      stopStream(call.stream);
    };
  }, [call]);

  const start = useCallback((next: Call) => setCall(next), []);
  const end = useCallback(() => setCall(null), []);
  return { call, start, end };
}
