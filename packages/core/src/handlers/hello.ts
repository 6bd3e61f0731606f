import { ConfabError, PROTOCOL_VERSION, type ClientMessageOf, type ServerMessage } from '@confab/protocol';
import type { Handler, HandlerContext } from '../context.js';
import { sameText } from '../resume-tokens.js';
import type { Session } from '../store.js';

type Hello = ClientMessageOf<'hello'>;

export const hello: Handler<Hello> = async (ctx, msg) => {
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

  if (msg.resume) {
    const prior = await ctx.store.findSessionByPeer(msg.resume.peerId);
    if (prior?.resumeToken && sameText(prior.resumeToken, msg.resume.token)) return resumeSeat(ctx, msg, prior);
    if (!prior && ctx.tokens.verify(msg.resume.peerId, msg.resume.token)) {
      return start(ctx, msg, { connId: ctx.connId, peerId: msg.resume.peerId, ...(grant ? { grant } : {}) }, 'id');
    }
    await ctx.reply({
      type: 'error',
      code: 'RESUME_FAILED',
      message: 'The session could not be resumed; starting a fresh one.',
      re: { type: 'hello', ...(msg.rid ? { rid: msg.rid } : {}) },
    });
  }
  await start(ctx, msg, { connId: ctx.connId, peerId: ctx.config.newPeerId(), ...(grant ? { grant } : {}) });
};

function welcome(ctx: HandlerContext, msg: Hello, session: Session, resumed?: 'seat' | 'id'): ServerMessage {
  return {
    type: 'welcome',
    ...(msg.rid ? { re: msg.rid } : {}),
    v: PROTOCOL_VERSION,
    peerId: session.peerId,
    iceServers: ctx.config.iceServers(session.peerId),
    ...(ctx.config.iceTransportPolicy ? { iceTransportPolicy: ctx.config.iceTransportPolicy } : {}),
    heartbeatMs: ctx.config.heartbeatMs,
    resumeToken: session.resumeToken,
    resumeGraceMs: ctx.config.resumeGraceMs,
    ...(resumed ? { resumed } : {}),
    ...(resumed === 'seat' && session.room !== undefined ? { room: session.room } : {}),
  };
}

/** A fresh session, or one that kept its id but not its seat (`resumed: 'id'`). */
async function start(ctx: HandlerContext, msg: Hello, session: Session, resumed?: 'id'): Promise<void> {
  session.resumeToken = ctx.tokens.issue(session.peerId);
  await ctx.store.putSession(session);
  await ctx.reply(welcome(ctx, msg, session, resumed));
}

/**
 * Moves a held seat to this connection. Deliveries to the new connection are held too while the
 * member is re-pointed, so the peer gets welcome, then what was queued during the drop, then
 * anything sent meanwhile: nothing lost, nothing reordered.
 */
async function resumeSeat(ctx: HandlerContext, msg: Hello, prior: Session): Promise<void> {
  ctx.seats.park(ctx.connId, ctx.config.resumeGraceMs, () => {});
  let held: ServerMessage[] = [];
  let queued: ServerMessage[] = [];
  const session: Session = { ...prior, connId: ctx.connId, resumeToken: ctx.tokens.issue(prior.peerId) };
  try {
    if (prior.room !== undefined) await ctx.store.moveMember(prior.room, prior.peerId, ctx.connId);
    await ctx.store.moveOnline(prior.peerId, ctx.connId);
    queued = ctx.seats.reclaim(prior.connId) ?? [];
    if (prior.connId !== ctx.connId) {
      await ctx.store.deleteSession(prior.connId);
      ctx.closeConnection(prior.connId);
    }
    await ctx.store.putSession(session);
  } finally {
    held = ctx.seats.reclaim(ctx.connId) ?? [];
  }
  // Delivered back to back, without awaiting in between, so nothing can slip in and reorder them.
  for (const m of [welcome(ctx, msg, session, 'seat'), ...queued, ...held]) void ctx.deliver(ctx.connId, m);
}
