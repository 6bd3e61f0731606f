import type { Member, Session } from '@confab/core';

/**
 * The shapes of the DynamoDB items and the rules for when one counts as dead. Every item of both
 * tables carries `expiresAt` (epoch seconds), the attribute template.yaml enables as the TTL.
 */

/** The TTL attribute on every item. */
export const TTL_ATTRIBUTE = 'expiresAt';
/** API Gateway closes every WebSocket connection after 2 hours, whatever the traffic. */
export const MAX_CONNECTION_S = 2 * 60 * 60;
/** Kept past that before a row counts as dead: covers clock skew between Lambda instances. */
export const EXPIRY_MARGIN_S = 10 * 60;
/** A row written now belongs to a connection that is surely closed after this many seconds. */
export const ROW_LIFETIME_S = MAX_CONNECTION_S + EXPIRY_MARGIN_S;

/** The connections table's global secondary index on `peerId` (finding a session to resume). */
export const PEER_INDEX = 'byPeer';

/** Connections table: one item per connection after `hello`, keyed by `connId`. */
export type SessionItem = Session & { expiresAt: number };

/** One member inside a room item. */
export type MemberEntry = Member & { expiresAt: number };

/**
 * Rooms table: one item per room, keyed by `room`. The members live in one map, so a single
 * conditional UpdateItem can check the capacity (`size(members)`), the password and the insert
 * atomically. `rev` grows on every change of the member set.
 */
export interface RoomItem {
  room: string;
  members?: Record<string, MemberEntry>;
  passwordHash?: string;
  rev?: number;
  expiresAt?: number;
}

export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** A row is live until its `expiresAt`; DynamoDB deletes expired rows lazily, so reads filter them. */
export function isLive(row: { expiresAt?: unknown }, nowS: number): boolean {
  return typeof row.expiresAt === 'number' && row.expiresAt > nowS;
}

function byJoinOrder(a: Member, b: Member): number {
  return a.joinedAt - b.joinedAt || a.peerId.localeCompare(b.peerId);
}

/** All member entries of a live room, live or not. */
export function entriesOf(item: RoomItem | undefined, nowS: number): MemberEntry[] {
  if (!item || !isLive(item, nowS)) return [];
  return Object.values(item.members ?? {});
}

/** The public Member of an entry (without the row's expiry). */
export function toMember(entry: MemberEntry): Member {
  const { expiresAt: _expiresAt, ...member } = entry;
  return { ...member, media: { ...member.media } };
}

/** The live members of a room, in join order. */
export function liveMembers(item: RoomItem | undefined, nowS: number): Member[] {
  return entriesOf(item, nowS)
    .filter((e) => isLive(e, nowS))
    .map(toMember)
    .sort(byJoinOrder);
}

export function toSession(item: SessionItem): Session {
  const { expiresAt: _expiresAt, ...session } = item;
  return session;
}
