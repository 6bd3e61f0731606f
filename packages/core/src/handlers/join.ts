import { ConfabError, alreadyInRoom, helloRequired, roomFull, type ClientMessageOf, type ServerMessage } from '@confab/protocol';
import type { Handler, HandlerContext } from '../context.js';
import { exitLobby } from '../lobby.js';
import { peerInfo } from '../peer-info.js';
import { checkRoomAccess, checkRoomPassword } from '../room-access.js';
import type { AddMemberResult, Session } from '../store.js';

const DEFAULT_MEDIA = { audio: true, video: true };
const NO_MEDIA = { audio: false, video: false };
/** A join retries once if the room's password changed between the check and the insert. */
const PASSWORD_RACE_RETRIES = 1;

type Join = ClientMessageOf<'join'>;

export const join: Handler<Join> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (session.room !== undefined) throw alreadyInRoom(session.room, re);
  // A lobby of another room is left first; a failed join leaves the lobby too (it was for this join).
  if (session.prepared !== undefined && session.prepared !== msg.room) await exitLobby(ctx, session);
  try {
    await enter(ctx, session, msg);
  } catch (err) {
    if (session.prepared !== undefined) {
      await exitLobby(ctx, session);
      await ctx.store.putSession(session);
    }
    throw err;
  }
};

async function enter(ctx: HandlerContext, session: Session, msg: Join): Promise<void> {
  const re = { type: msg.type, rid: msg.rid };
  const grant = session.grant;
  const member = {
    peerId: session.peerId,
    connId: ctx.connId,
    name: grant?.name ?? msg.name,
    media: grant?.publish === false ? NO_MEDIA : (msg.media ?? DEFAULT_MEDIA),
    joinedAt: ctx.config.now(),
  };
  let added: AddMemberResult = { ok: false, reason: 'password-changed' };
  for (let attempt = 0; attempt <= PASSWORD_RACE_RETRIES && !added.ok && added.reason === 'password-changed'; attempt++) {
    const guard = attempt === 0 ? await checkRoomAccess(ctx, session, msg.room, msg.password, re) : await checkRoomPassword(ctx, msg.room, msg.password, re);
    added = await ctx.store.addMember(msg.room, member, ctx.config.maxPeers, guard);
  }
  if (!added.ok) {
    if (added.reason === 'full') throw roomFull(msg.room, ctx.config.maxPeers, re);
    throw new ConfabError('WRONG_PASSWORD', `The password of room "${msg.room}" just changed; try again.`, re);
  }

  // A prepared lobby visitor becomes a member: its pending entry goes, and the members' peer-joined
  // (below) tells them to use the connection already prepared.
  if (session.prepared === msg.room) await exitLobby(ctx, session, { announce: false });
  session.room = msg.room;
  await ctx.store.putSession(session);
  await ctx.reply({
    type: 'joined',
    ...(msg.rid ? { re: msg.rid } : {}),
    room: msg.room,
    self: peerInfo(member),
    peers: added.others.map(peerInfo),
    maxPeers: ctx.config.maxPeers,
    hasPassword: added.hasPassword,
  });
  // The room's lobby visitors hear of the newcomer too, so they can prepare a connection to it.
  const pending = (await ctx.store.listPending(msg.room)).filter((p) => p.peerId !== session.peerId);
  await ctx.broadcast([...added.others, ...pending], { type: 'peer-joined', peer: peerInfo(member) });
  for (const visitor of pending) {
    const preparing: ServerMessage = { type: 'peer-preparing', peer: { id: visitor.peerId, name: visitor.name } };
    await ctx.reply(preparing);
  }
}
