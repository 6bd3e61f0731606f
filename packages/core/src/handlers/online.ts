import { ConfabError, helloRequired, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';
import { announce, directoryPeer } from '../directory.js';

/** Enters the directory under a unique name; the answer is everyone else online. */
export const online: Handler<ClientMessageOf<'online'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (await ctx.store.getOnline(session.peerId)) throw new ConfabError('ALREADY_ONLINE', 'You are already online; go offline first.', re);
  const name = session.grant?.name ?? msg.name;
  const result = await ctx.store.goOnline({ peerId: session.peerId, connId: ctx.connId, name });
  if (!result.ok) throw new ConfabError('NAME_TAKEN', `The name "${name}" is taken by someone online.`, re);
  const self = { id: session.peerId, name, busy: false };
  await ctx.reply({ type: 'directory', ...(msg.rid ? { re: msg.rid } : {}), self, peers: result.others.map(directoryPeer) });
  await announce(ctx, { peer: self }, session.peerId);
};
