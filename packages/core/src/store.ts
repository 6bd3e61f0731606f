import type { MediaState } from '@confab/protocol';
import type { Grant } from './auth/grant.js';

/**
 * The state the core keeps, behind an async interface so it can live in memory (one node),
 * in Redis (several nodes) or in DynamoDB (Lambda). Every method is one atomic step.
 */

/** One transport connection after `hello`. */
export interface Session {
  connId: string;
  peerId: string;
  /** The room the peer is in, if any. */
  room?: string;
  /** What the connection's token allows; absent when the server runs open. */
  grant?: Grant;
  /** The current secret for reclaiming this session after a drop (rotated at every welcome). */
  resumeToken?: string;
  /** The room whose lobby this connection is prepared in (a pending member), if any. */
  prepared?: string;
}

/**
 * Someone in a room's lobby who passed its access checks (`prepare`): not a member (not counted,
 * not shown), but allowed to exchange signals with the members to set up media-less connections.
 */
export interface PendingEntry {
  peerId: string;
  connId: string;
  name: string;
  /** When it was prepared (ms); the core expires it after PENDING_TTL_MS. */
  preparedAt: number;
}

/** One person in a room. */
export interface Member {
  peerId: string;
  connId: string;
  name: string;
  media: MediaState;
  joinedAt: number;
}

/** Someone in the directory (online and callable by name). */
export interface DirectoryEntry {
  peerId: string;
  connId: string;
  name: string;
  /** In a call or ringing. */
  busy: boolean;
}

/** A direct call between two people in the directory. Ended calls are deleted. */
export interface Call {
  id: string;
  caller: string;
  callee: string;
  state: 'ringing' | 'active';
  /** The private room the two join once the call is accepted. */
  room: string;
  createdAt: number;
}

export type AddMemberResult =
  | { ok: true; others: Member[]; hasPassword: boolean }
  | { ok: false; reason: 'full' | 'password-changed' };

/**
 * The room-password condition of a join, checked atomically with the capacity: the room's stored
 * hash must still be `expected` (the one the joiner's password was verified against, or
 * undefined for none), and a room created by this join gets `createWith`.
 */
export interface PasswordGuard {
  expected: string | undefined;
  createWith: string | undefined;
}

/**
 * Synchronous reads, for a store whose state is in this process (MemoryStore). With them the core
 * relays a `signal` in the tick it arrived, without a promise; stores without them (Redis,
 * DynamoDB) take the ordinary path.
 */
export interface SyncReads {
  sessionNow(connId: string): Session | undefined;
  memberNow(room: string, peerId: string): Member | undefined;
}

export interface SignalingStore {
  /** Present only on in-process stores. */
  readonly syncReads?: SyncReads;
  getSession(connId: string): Promise<Session | undefined>;
  putSession(session: Session): Promise<void>;
  deleteSession(connId: string): Promise<void>;
  /** The session holding a peer id, whichever connection it is on. */
  findSessionByPeer(peerId: string): Promise<Session | undefined>;

  /**
   * Adds `member` unless the room already holds `capacity` members or its password changed
   * since it was checked; creates the room on first join.
   */
  addMember(room: string, member: Member, capacity: number, guard?: PasswordGuard): Promise<AddMemberResult>;
  /** The stored hash of the room's password, if the room exists and has one. */
  getPasswordHash(room: string): Promise<string | undefined>;
  /** Removes the member and returns who is left; deletes the room when it empties. */
  removeMember(room: string, peerId: string): Promise<Member[]>;
  getMember(room: string, peerId: string): Promise<Member | undefined>;
  /** Members in join order. */
  listMembers(room: string): Promise<Member[]>;
  updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined>;
  /** Points a member at a new connection (a resumed session); false if the member is gone. */
  moveMember(room: string, peerId: string, connId: string): Promise<boolean>;

  /**
   * Adds (or replaces) a pending entry unless the room already holds `cap` other pending entries.
   * `ttlMs` lets stores expire the entry on their own as a backstop (the core expires it too).
   */
  addPending(room: string, entry: PendingEntry, cap: number, ttlMs: number): Promise<boolean>;
  /** Removes a pending entry; false if it was not there. */
  removePending(room: string, peerId: string): Promise<boolean>;
  getPending(room: string, peerId: string): Promise<PendingEntry | undefined>;
  /** The room's pending entries, oldest first. */
  listPending(room: string): Promise<PendingEntry[]>;

  /** Adds someone to the directory unless their name (case-insensitively) is taken; returns everyone else. */
  goOnline(entry: Omit<DirectoryEntry, 'busy'>): Promise<{ ok: true; others: DirectoryEntry[] } | { ok: false }>;
  /** Removes someone from the directory; false if they were not in it. */
  goOffline(peerId: string): Promise<boolean>;
  getOnline(peerId: string): Promise<DirectoryEntry | undefined>;
  listOnline(): Promise<DirectoryEntry[]>;
  /** Points a directory entry at a new connection (a resumed session). */
  moveOnline(peerId: string, connId: string): Promise<void>;
  /** Records a ringing call unless the caller or the callee is already in one. Atomic. */
  createCall(call: Call): Promise<'ok' | 'caller-busy' | 'callee-busy'>;
  getCall(callId: string): Promise<Call | undefined>;
  /** The call a peer is in (ringing or active), if any. */
  callOf(peerId: string): Promise<string | undefined>;
  /** Ringing → active; undefined if the call is gone or not ringing. Atomic. */
  activateCall(callId: string): Promise<Call | undefined>;
  /** Deletes the call and frees both people; undefined if it was already gone (so only one ender wins). */
  endCall(callId: string): Promise<Call | undefined>;
}
