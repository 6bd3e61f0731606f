import type { HandlerContext } from './context.js';
import type { Session } from './store.js';

/**
 * Takes the session's peer out of its room and tells the others, and the room's lobby visitors
 * (so they close what they prepared). Shared by `leave` and disconnect.
 */
export async function exitRoom(
  ctx: Pick<HandlerContext, 'store' | 'broadcast'>,
  session: Session,
  reason: 'left' | 'disconnected',
): Promise<string | undefined> {
  const room = session.room;
  if (room === undefined) return undefined;
  delete session.room;
  const remaining = await ctx.store.removeMember(room, session.peerId);
  const pending = await ctx.store.listPending(room);
  await ctx.broadcast([...remaining, ...pending], { type: 'peer-left', peerId: session.peerId, reason });
  return room;
}
