import { ConfabError, PROTOCOL_VERSION, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';

export const hello: Handler<ClientMessageOf<'hello'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  if (ctx.session) throw new ConfabError('ALREADY_HELLO', 'hello was already sent on this connection.', re);
  if (msg.v !== PROTOCOL_VERSION) {
    throw new ConfabError(
      'UNSUPPORTED_VERSION',
      `Protocol version ${msg.v} is not supported; this server speaks ${PROTOCOL_VERSION}.`,
      re,
    );
  }
  let grant;
  try {
    grant = await ctx.config.authenticate(msg.token);
  } catch (err) {
    if (err instanceof ConfabError) throw new ConfabError(err.code, err.message, re);
    throw err;
  }
  const peerId = ctx.config.newPeerId();
  await ctx.store.putSession({ connId: ctx.connId, peerId, ...(grant ? { grant } : {}) });
  await ctx.reply({
    type: 'welcome',
    ...(msg.rid ? { re: msg.rid } : {}),
    v: PROTOCOL_VERSION,
    peerId,
    iceServers: ctx.config.iceServers(peerId),
    heartbeatMs: ctx.config.heartbeatMs,
  });
};
