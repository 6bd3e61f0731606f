import { helloRequired, notInRoom, peerNotFound, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';

/**
 * The one relay for offers, answers and candidates: from a member to another member or to a
 * pending lobby visitor of its room; from a lobby visitor only to the members of the room it
 * prepared in (never to another visitor).
 */
export const signal: Handler<ClientMessageOf<'signal'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  const room = session.room ?? session.prepared;
  if (room === undefined) throw notInRoom(re);
  let target: { connId: string } | undefined;
  if (msg.to !== session.peerId) {
    target = await ctx.store.getMember(room, msg.to);
    if (!target && session.room !== undefined) target = await ctx.store.getPending(room, msg.to);
  }
  if (!target) throw peerNotFound(msg.to, re);
  await ctx.deliver(target.connId, { type: 'signal', from: session.peerId, data: msg.data });
};
