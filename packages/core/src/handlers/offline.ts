import { ConfabError, helloRequired, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';
import { exitDirectory } from '../directory.js';

/** Leaves the directory; a call in progress ends for the other side ('offline'). */
export const offline: Handler<ClientMessageOf<'offline'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (!(await ctx.store.getOnline(session.peerId))) throw new ConfabError('NOT_ONLINE', 'You are not online.', re);
  await exitDirectory(ctx, session);
  await ctx.reply({ type: 'directory-update', ...(msg.rid ? { re: msg.rid } : {}), removed: session.peerId });
};
