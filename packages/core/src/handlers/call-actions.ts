import { ConfabError, helloRequired, type ClientMessageOf } from '@confab/protocol';
import type { CallAction } from '../call-state.js';
import type { Handler, HandlerContext } from '../context.js';
import { applyToCall, directoryPeer, roleIn } from '../directory.js';

type CallMessage = ClientMessageOf<'accept' | 'decline' | 'cancel' | 'hangup'>;

/** The call and the sender's role in it, or CALL_NOT_FOUND (no such call, or not theirs). */
async function callFor(ctx: HandlerContext, msg: CallMessage) {
  const re = { type: msg.type, rid: msg.rid };
  if (!ctx.session) throw helloRequired(re);
  const call = await ctx.store.getCall(msg.callId);
  const role = call && roleIn(call, ctx.session.peerId);
  if (!call || !role) throw new ConfabError('CALL_NOT_FOUND', 'There is no such call, or it is not yours.', re);
  return { call, role, re, peerId: ctx.session.peerId };
}

/** decline, cancel and hangup: one path through the state machine. */
function ending(action: Exclude<CallAction, 'accept' | 'timeout' | 'offline'>): Handler<CallMessage> {
  return async (ctx, msg) => {
    const { call, role, re, peerId } = await callFor(ctx, msg);
    const result = await applyToCall(ctx, call, action, role, peerId);
    if ('error' in result) throw new ConfabError(result.error, `You cannot ${action} this call now.`, re);
  };
}

export const decline = ending('decline');
export const cancel = ending('cancel');
export const hangup = ending('hangup');

/** The callee answers: both sides get the private room to join. */
export const accept: Handler<ClientMessageOf<'accept'>> = async (ctx, msg) => {
  const { call, role, re } = await callFor(ctx, msg);
  const result = await applyToCall(ctx, call, 'accept', role);
  if ('error' in result) throw new ConfabError(result.error, 'This call cannot be accepted now.', re);
  const active = await ctx.store.activateCall(call.id);
  if (!active) throw new ConfabError('CALL_STATE', 'This call was already answered or ended.', re);
  ctx.stopRinging(call.id);
  const [caller, callee] = await Promise.all([ctx.store.getOnline(call.caller), ctx.store.getOnline(call.callee)]);
  if (caller && callee) {
    await ctx.broadcast([caller], { type: 'call-accepted', callId: call.id, room: call.room, peer: directoryPeer(callee) });
    await ctx.reply({ type: 'call-accepted', ...(msg.rid ? { re: msg.rid } : {}), callId: call.id, room: call.room, peer: directoryPeer(caller) });
  }
};
