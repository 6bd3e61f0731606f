import type { HandlerContext } from './context.js';
import type { Session } from './store.js';

/**
 * Prepared joins (`prepare`): a lobby visitor who passed a room's access checks becomes a pending
 * member, whose media-less peer connections to the members are set up before the click on Join.
 */

/** A pending entry lasts this long; then the visitor is told `unprepared` (`expired`). */
export const PENDING_TTL_MS = 10 * 60_000;
/** Pending entries a room may hold, per place in it: a lobby cannot grow without bound. */
export const PENDING_PER_PLACE = 2;

/** The most pending entries of one room. */
export function pendingCap(maxPeers: number): number {
  return PENDING_PER_PLACE * maxPeers;
}

/**
 * Takes the session out of the lobby it prepared in and, unless it `joins` that room now (a
 * conversion, announced by peer-joined instead), tells the members `peer-unprepared`. Mutates
 * `session`; the caller stores it. Returns the room it left, if any.
 */
export async function exitLobby(
  ctx: Pick<HandlerContext, 'store' | 'broadcast' | 'stopPendingExpiry' | 'connId'>,
  session: Session,
  { announce = true }: { announce?: boolean } = {},
): Promise<string | undefined> {
  const room = session.prepared;
  if (room === undefined) return undefined;
  delete session.prepared;
  ctx.stopPendingExpiry(session.connId);
  const removed = await ctx.store.removePending(room, session.peerId);
  if (removed && announce) {
    await ctx.broadcast(await ctx.store.listMembers(room), { type: 'peer-unprepared', peerId: session.peerId });
  }
  return room;
}
