import { randomBytes } from 'node:crypto';
import { ConfabError, helloRequired, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';
import { CALL_ROOM_PREFIX, announce, directoryPeer } from '../directory.js';

/** Rings someone in the directory. A busy callee ends the attempt at once with `busy`. */
export const invite: Handler<ClientMessageOf<'invite'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  const caller = await ctx.store.getOnline(session.peerId);
  if (!caller) throw new ConfabError('NOT_ONLINE', 'Go online before calling someone.', re);
  if (msg.to === session.peerId) throw new ConfabError('CALL_SELF', 'You cannot call yourself.', re);
  const callee = await ctx.store.getOnline(msg.to);
  if (!callee) throw new ConfabError('CALLEE_NOT_FOUND', 'That person is not online.', re);

  const call = {
    id: ctx.config.newCallId(),
    caller: caller.peerId,
    callee: callee.peerId,
    state: 'ringing' as const,
    room: `${CALL_ROOM_PREFIX}${randomBytes(16).toString('base64url')}`,
    createdAt: ctx.config.now(),
  };
  const created = await ctx.store.createCall(call);
  if (created === 'caller-busy') throw new ConfabError('ALREADY_IN_CALL', 'You are already in a call.', re);
  if (created === 'callee-busy') {
    await ctx.reply({ type: 'call-ended', ...(msg.rid ? { re: msg.rid } : {}), callId: call.id, reason: 'busy' });
    return;
  }
  ctx.startRinging(call.id);
  const busyCaller = { ...directoryPeer(caller), busy: true };
  const busyCallee = { ...directoryPeer(callee), busy: true };
  await ctx.reply({ type: 'ringing', ...(msg.rid ? { re: msg.rid } : {}), callId: call.id, to: busyCallee });
  await ctx.broadcast([callee], { type: 'incoming-call', callId: call.id, from: busyCaller });
  await announce(ctx, { peer: busyCaller });
  await announce(ctx, { peer: busyCallee });
};
