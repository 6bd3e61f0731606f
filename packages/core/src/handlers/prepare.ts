import { ConfabError, alreadyInRoom, helloRequired, roomFull, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';
import { exitLobby, pendingCap } from '../lobby.js';
import { peerInfo } from '../peer-info.js';
import { checkRoomAccess } from '../room-access.js';

/**
 * A lobby visitor prepares its join: the room's access checks now, then a pending entry (not a
 * member) whose signals may reach the members. Members hear `peer-preparing` before the visitor
 * hears `prepared`, so they know the offers that follow.
 */
export const prepare: Handler<ClientMessageOf<'prepare'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  if (!ctx.config.prejoin) throw new ConfabError('PREJOIN_DISABLED', 'This server does not prepare joins; join the ordinary way.', re);
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (session.room !== undefined) throw alreadyInRoom(session.room, re);
  // Another room's lobby, or this one again: the old entry goes first (its connections are closed).
  if (session.prepared !== undefined) {
    await exitLobby(ctx, session);
    await ctx.store.putSession(session);
  }
  await checkRoomAccess(ctx, session, msg.room, msg.password, re);
  const members = await ctx.store.listMembers(msg.room);
  if (members.length >= ctx.config.maxPeers) throw roomFull(msg.room, ctx.config.maxPeers, re);
  const name = session.grant?.name ?? msg.name;
  const entry = { peerId: session.peerId, connId: ctx.connId, name, preparedAt: ctx.config.now() };
  if (!(await ctx.store.addPending(msg.room, entry, pendingCap(ctx.config.maxPeers), ctx.config.pendingTtlMs))) {
    throw new ConfabError('LOBBY_FULL', `Too many people are waiting in the lobby of room "${msg.room}".`, re);
  }
  session.prepared = msg.room;
  await ctx.store.putSession(session);
  ctx.startPendingExpiry(ctx.connId);
  await ctx.broadcast(members, { type: 'peer-preparing', peer: { id: session.peerId, name } });
  await ctx.reply({
    type: 'prepared',
    ...(msg.rid ? { re: msg.rid } : {}),
    room: msg.room,
    peers: members.map(peerInfo),
    maxPeers: ctx.config.maxPeers,
  });
};

/** Leaves the lobby: the members close the prepared connections. */
export const unprepare: Handler<ClientMessageOf<'unprepare'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  const room = await exitLobby(ctx, session);
  if (room === undefined) throw new ConfabError('NOT_IN_ROOM', 'Not prepared in any room.', re);
  await ctx.store.putSession(session);
  await ctx.reply({ type: 'unprepared', ...(msg.rid ? { re: msg.rid } : {}), room, reason: 'left' });
};
