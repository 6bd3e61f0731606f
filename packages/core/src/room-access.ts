import { ConfabError, type ErrorRef } from '@confab/protocol';
import type { HandlerContext } from './context.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { PasswordGuard } from './store.js';

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
