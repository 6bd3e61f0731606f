import { helloRequired, notInRoom, peerNotFound, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';

/** The one relay for offers, answers and candidates: only to a peer in the sender's own room. */
export const signal: Handler<ClientMessageOf<'signal'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (session.room === undefined) throw notInRoom(re);
  const target = msg.to === session.peerId ? undefined : await ctx.store.getMember(session.room, msg.to);
  if (!target) throw peerNotFound(msg.to, re);
  await ctx.deliver(target.connId, { type: 'signal', from: session.peerId, data: msg.data });
};
