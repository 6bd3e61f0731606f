import { alreadyInRoom, helloRequired, roomFull, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';
import { peerInfo } from '../peer-info.js';

const DEFAULT_MEDIA = { audio: true, video: true };

export const join: Handler<ClientMessageOf<'join'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (session.room !== undefined) throw alreadyInRoom(session.room, re);

  const member = {
    peerId: session.peerId,
    connId: ctx.connId,
    name: msg.name,
    media: msg.media ?? DEFAULT_MEDIA,
    joinedAt: ctx.config.now(),
  };
  const added = await ctx.store.addMember(msg.room, member, ctx.config.maxPeers);
  if (!added.ok) throw roomFull(msg.room, ctx.config.maxPeers, re);

  session.room = msg.room;
  await ctx.store.putSession(session);
  await ctx.reply({
    type: 'joined',
    ...(msg.rid ? { re: msg.rid } : {}),
    room: msg.room,
    self: peerInfo(member),
    peers: added.others.map(peerInfo),
    maxPeers: ctx.config.maxPeers,
  });
  await ctx.broadcast(added.others, { type: 'peer-joined', peer: peerInfo(member) });
};
