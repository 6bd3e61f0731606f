import { ConfabError, alreadyInRoom, helloRequired, roomFull, type ClientMessageOf } from '@confab/protocol';
import { grantsRoom } from '../auth/grant.js';
import type { Handler } from '../context.js';
import { CALL_ROOM_PREFIX } from '../directory.js';
import { peerInfo } from '../peer-info.js';
import { checkRoomPassword } from '../room-access.js';
import type { AddMemberResult } from '../store.js';

const DEFAULT_MEDIA = { audio: true, video: true };
const NO_MEDIA = { audio: false, video: false };
/** A join retries once if the room's password changed between the check and the insert. */
const PASSWORD_RACE_RETRIES = 1;

export const join: Handler<ClientMessageOf<'join'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (session.room !== undefined) throw alreadyInRoom(session.room, re);
  const grant = session.grant;
  if (!grantsRoom(grant, msg.room)) throw new ConfabError('ROOM_NOT_ALLOWED', `Your token does not grant room "${msg.room}".`, re);
  if (msg.room.startsWith(CALL_ROOM_PREFIX) && !(await isCallRoomOf(ctx, session.peerId, msg.room))) {
    throw new ConfabError('ROOM_NOT_ALLOWED', 'This room belongs to a call you are not part of.', re);
  }

  const member = {
    peerId: session.peerId,
    connId: ctx.connId,
    name: grant?.name ?? msg.name,
    media: grant?.publish === false ? NO_MEDIA : (msg.media ?? DEFAULT_MEDIA),
    joinedAt: ctx.config.now(),
  };
  let added: AddMemberResult = { ok: false, reason: 'password-changed' };
  for (let attempt = 0; attempt <= PASSWORD_RACE_RETRIES && !added.ok && added.reason === 'password-changed'; attempt++) {
    const guard = await checkRoomPassword(ctx, msg.room, msg.password, re);
    added = await ctx.store.addMember(msg.room, member, ctx.config.maxPeers, guard);
  }
  if (!added.ok) {
    if (added.reason === 'full') throw roomFull(msg.room, ctx.config.maxPeers, re);
    throw new ConfabError('WRONG_PASSWORD', `The password of room "${msg.room}" just changed; try again.`, re);
  }

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
  await ctx.broadcast(added.others, { type: 'peer-joined', peer: peerInfo(member) });
};

/** A call room admits only the two people of its active call. */
async function isCallRoomOf(ctx: Parameters<Handler<ClientMessageOf<'join'>>>[0], peerId: string, room: string): Promise<boolean> {
  const callId = await ctx.store.callOf(peerId);
  const call = callId ? await ctx.store.getCall(callId) : undefined;
  return call?.state === 'active' && call.room === room;
}
