import { ConfabError, type ErrorRef } from '@confab/protocol';
import { grantsRoom } from './auth/grant.js';
import type { HandlerContext } from './context.js';
import { CALL_ROOM_PREFIX } from './directory.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { PasswordGuard, Session } from './store.js';

/**
 * The access checks of a room, shared by `join` and `prepare`: the token must grant the room, a
 * call's room admits only the two people of that active call, and the password must match.
 */
export async function checkRoomAccess(
  ctx: Pick<HandlerContext, 'store' | 'guesses'>,
  session: Session,
  room: string,
  password: string | undefined,
  re: ErrorRef,
): Promise<PasswordGuard> {
  if (!grantsRoom(session.grant, room)) throw new ConfabError('ROOM_NOT_ALLOWED', `Your token does not grant room "${room}".`, re);
  if (room.startsWith(CALL_ROOM_PREFIX) && !(await isCallRoomOf(ctx, session.peerId, room))) {
    throw new ConfabError('ROOM_NOT_ALLOWED', 'This room belongs to a call you are not part of.', re);
  }
  return checkRoomPassword(ctx, room, password, re);
}

/** A call room admits only the two people of its active call. */
async function isCallRoomOf(ctx: Pick<HandlerContext, 'store'>, peerId: string, room: string): Promise<boolean> {
  const callId = await ctx.store.callOf(peerId);
  const call = callId ? await ctx.store.getCall(callId) : undefined;
  return call?.state === 'active' && call.room === room;
}

/**
 * Checks a joiner's password against the room's, before any state changes, and returns the
 * guard that `addMember` re-checks atomically. Wrong guesses count against the room.
 */
export async function checkRoomPassword(
  ctx: Pick<HandlerContext, 'store' | 'guesses'>,
  room: string,
  password: string | undefined,
  re: ErrorRef,
): Promise<PasswordGuard> {
  const stored = await ctx.store.getPasswordHash(room);
  if (stored === undefined) {
    return { expected: undefined, createWith: password === undefined ? undefined : await hashPassword(password) };
  }
  if (password === undefined) throw new ConfabError('PASSWORD_REQUIRED', `Room "${room}" needs a password.`, re);
  if (ctx.guesses.blocked(room)) {
    throw new ConfabError('TOO_MANY_ATTEMPTS', `Too many wrong passwords for room "${room}"; try again in a minute.`, re);
  }
  if (!(await verifyPassword(password, stored))) {
    ctx.guesses.fail(room);
    throw new ConfabError('WRONG_PASSWORD', `Wrong password for room "${room}".`, re);
  }
  return { expected: stored, createWith: undefined };
}
