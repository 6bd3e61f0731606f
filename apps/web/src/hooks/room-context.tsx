import type { Room } from '@confab/client';
import type { ReactNode } from 'react';
import { createStrictContext } from './strict-context.js';

const [RoomContext, useStrictRoom] = createStrictContext<Room>('RoomProvider');

/** Shares the joined room with the room view's components. */
export function RoomProvider({ room, children }: { room: Room; children: ReactNode }) {
  return <RoomContext value={room}>{children}</RoomContext>;
}

/** The room this component is in. Throws outside <RoomProvider>. */
export function useRoom(): Room {
  return useStrictRoom('useRoom');
}
