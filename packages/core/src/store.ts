import type { MediaState } from '@confab/protocol';

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
}

/** One person in a room. */
export interface Member {
  peerId: string;
  connId: string;
  name: string;
  media: MediaState;
  joinedAt: number;
}

export type AddMemberResult = { ok: true; others: Member[] } | { ok: false; reason: 'full' };

export interface SignalingStore {
  getSession(connId: string): Promise<Session | undefined>;
  putSession(session: Session): Promise<void>;
  deleteSession(connId: string): Promise<void>;

  /** Adds `member` unless the room already holds `capacity` members; creates the room on first join. */
  addMember(room: string, member: Member, capacity: number): Promise<AddMemberResult>;
  /** Removes the member and returns who is left; deletes the room when it empties. */
  removeMember(room: string, peerId: string): Promise<Member[]>;
  getMember(room: string, peerId: string): Promise<Member | undefined>;
  /** Members in join order. */
  listMembers(room: string): Promise<Member[]>;
  updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined>;
}
