import { ConfabError, helloRequired, notInRoom, type ClientMessageOf } from '@confab/protocol';
import type { Handler } from '../context.js';
import { peerInfo } from '../peer-info.js';

/** A peer muted or unmuted: everyone else in the room sees it. */
export const media: Handler<ClientMessageOf<'media'>> = async (ctx, msg) => {
  const re = { type: msg.type, rid: msg.rid };
  const session = ctx.session;
  if (!session) throw helloRequired(re);
  if (session.room === undefined) throw notInRoom(re);
  if (session.grant?.publish === false && (msg.audio || msg.video || msg.screen)) {
    throw new ConfabError('PUBLISH_NOT_ALLOWED', 'Your token does not allow sending audio or video.', re);
  }
  const member = await ctx.store.updateMedia(session.room, session.peerId, {
    audio: msg.audio,
    video: msg.video,
    ...(msg.screen ? { screen: msg.screen } : {}),
  });
  if (!member) throw notInRoom(re);
  const others = (await ctx.store.listMembers(session.room)).filter((m) => m.peerId !== session.peerId);
  await ctx.broadcast(others, { type: 'peer-updated', peer: peerInfo(member) });
};
