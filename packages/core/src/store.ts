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
}

/** One person in a room. */
export interface Member {
  peerId: string;
  connId: string;
  name: string;
  media: MediaState;
  joinedAt: number;
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

export interface SignalingStore {
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
}
