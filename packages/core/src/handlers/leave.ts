import { helloRequired, notInRoom, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';
import { exitRoom } from '../room-exit.js';

export const leave: Handler<ClientMessageOf<'leave'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  const room = await exitRoom(ctx, session, 'left');
  if (room === undefined) throw notInRoom(re);
  await ctx.store.putSession(session);
  await ctx.reply({ type: 'left', ...(msg.rid ? { re: msg.rid } : {}), room });
};
