import type { ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';

export const ping: Handler<ClientMessageOf<'ping'>> = async (ctx, msg) => {
  await ctx.reply({ type: 'pong', ...(msg.rid ? { re: msg.rid } : {}) });
};
