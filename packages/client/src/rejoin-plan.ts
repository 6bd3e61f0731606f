import type { PeerInfo } from '@confab/protocol';

/** How long a peer missing after a rejoin may take to come back when the server names no grace period. */
export const REJOIN_AWAIT_MS = 20_000;

export interface RejoinOptions {
  /** Our id changed (`RESUME_FAILED`): nobody can still have a connection to us. */
  fresh: boolean;
  /**
   * The others may have been told we left (we were silent longer than the server's grace), so
   * their ends of our connections are gone: connections are rebuilt, offered by us.
   */
  rebuild: boolean;
}

/** What to do with each peer after joining the room again. */
export interface RejoinPlan {
  /** In the room and new to us: a connection we offer, as the newcomer. */
  add: PeerInfo[];
  /** In the room and still connected to us: the connection stays. */
  keep: string[];
  /** In the room, but their end of our connection is gone: a new connection, offered by us. */
  rebuild: string[];
  /** Not in the room, and they never will be under the id we know: gone now. */
  drop: string[];
  /** Not in the room yet (they may be reconnecting too): wait for their `peer-joined`. */
  await: string[];
}

/**
 * Reconciles the peers we had when signaling went down (`known`) with the room as the server
 * rebuilt it: `joined.peers`, plus anyone announced since the outage began (`seen`). Peers are
 * matched by id, so a peer connection that kept working through the outage is kept, and no
 * tile is duplicated. Peers that appeared after the outage began are not `known` and are left
 * as they are (unless `joined` lists them, in which case they are kept).
 */
export function planRejoin(
  known: ReadonlySet<string>,
  seen: ReadonlySet<string>,
  current: ReadonlySet<string>,
  peers: readonly PeerInfo[],
  options: RejoinOptions,
): RejoinPlan {
  const plan: RejoinPlan = { add: [], keep: [], rebuild: [], drop: [], await: [] };
  const listed = new Set(peers.map((p) => p.id));
  const renew = options.fresh || options.rebuild;
  for (const info of peers) {
    if (known.has(info.id)) (renew ? plan.rebuild : plan.keep).push(info.id);
    else if (current.has(info.id)) plan.keep.push(info.id);
    else plan.add.push(info);
  }
  for (const id of known) {
    if (listed.has(id)) continue;
    // Announced since the outage began, so back in the room after us.
    if (seen.has(id)) (renew ? plan.rebuild : plan.keep).push(id);
    else if (options.fresh) plan.drop.push(id);
    else plan.await.push(id);
  }
  return plan;
}
