import type { CallEndReason, DirectoryPeer } from '@confab/protocol';
import { transition, type CallAction, type CallRole } from './call-state.js';
import type { HandlerContext } from './context.js';
import type { Call, DirectoryEntry, Session } from './store.js';

type Ctx = Pick<HandlerContext, 'store' | 'deliver' | 'broadcast' | 'stopRinging'>;

/** Rooms of accepted direct calls: private to the two, never joinable by name. */
export const CALL_ROOM_PREFIX = 'call_';

export function directoryPeer(entry: DirectoryEntry): DirectoryPeer {
  return { id: entry.peerId, name: entry.name, busy: entry.busy };
}

/** Tells everyone online, except `exceptPeerId`, that someone came, changed or went. */
export async function announce(ctx: Ctx, update: { peer: DirectoryPeer } | { removed: string }, exceptPeerId?: string): Promise<void> {
  const everyone = await ctx.store.listOnline();
  await ctx.broadcast(
    everyone.filter((e) => e.peerId !== exceptPeerId),
    { type: 'directory-update', ...update },
  );
}

/** Re-announces people whose busy state changed. */
async function announceBusy(ctx: Ctx, peerIds: readonly string[]): Promise<void> {
  for (const id of peerIds) {
    const entry = await ctx.store.getOnline(id);
    if (entry) await announce(ctx, { peer: directoryPeer(entry) });
  }
}

export function roleIn(call: Call, peerId: string): CallRole | undefined {
  if (call.caller === peerId) return 'caller';
  if (call.callee === peerId) return 'callee';
  return undefined;
}

/** Ends a call: deleted once (only one ender wins), both sides told why, busy flags cleared. */
export async function endCall(ctx: Ctx, call: Call, reason: CallEndReason, by?: string): Promise<void> {
  const ended = await ctx.store.endCall(call.id);
  if (!ended) return;
  ctx.stopRinging(call.id);
  for (const peer of [call.caller, call.callee]) {
    const entry = await ctx.store.getOnline(peer);
    if (entry) await ctx.broadcast([entry], { type: 'call-ended', callId: call.id, reason, ...(by ? { by } : {}) });
  }
  await announceBusy(ctx, [call.caller, call.callee]);
}

/** Applies `action` by `peerId` to its call through the state machine; ends the call when it says so. */
export async function applyToCall(ctx: Ctx, call: Call, action: CallAction, role: CallRole, by?: string) {
  const result = transition(call.state, action, role);
  if ('error' in result) return result;
  if (result.next === 'ended') await endCall(ctx, call, result.reason, by);
  return result;
}

/** A session is gone for good: its call ends ('offline') and it leaves the directory. */
export async function exitDirectory(ctx: Ctx, session: Session): Promise<void> {
  const callId = await ctx.store.callOf(session.peerId);
  const call = callId ? await ctx.store.getCall(callId) : undefined;
  if (call) await applyToCall(ctx, call, 'offline', roleIn(call, session.peerId) ?? 'server', session.peerId);
  if (await ctx.store.goOffline(session.peerId)) await announce(ctx, { removed: session.peerId });
}
