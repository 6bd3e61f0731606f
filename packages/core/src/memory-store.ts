import type { MediaState } from '@confab/protocol';
import type { AddMemberResult, Member, PasswordGuard, Session, SignalingStore } from './store.js';

interface Room {
  members: Map<string, Member>;
  passwordHash: string | undefined;
}

/** The single-node store: plain Maps. Each method runs to completion without awaiting, so each is atomic. */
export class MemoryStore implements SignalingStore {
  private readonly sessions = new Map<string, Session>();
  /** peerId → connId of the session holding it. */
  private readonly peers = new Map<string, string>();
  /** room name → room; each room's member Map keeps insertion (join) order. */
  private readonly rooms = new Map<string, Room>();

  get roomCount(): number {
    return this.rooms.size;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  async getSession(connId: string): Promise<Session | undefined> {
    return this.sessions.get(connId);
  }

  async putSession(session: Session): Promise<void> {
    this.sessions.set(session.connId, { ...session });
    this.peers.set(session.peerId, session.connId);
  }

  async deleteSession(connId: string): Promise<void> {
    const session = this.sessions.get(connId);
    this.sessions.delete(connId);
    if (session && this.peers.get(session.peerId) === connId) this.peers.delete(session.peerId);
  }

  async findSessionByPeer(peerId: string): Promise<Session | undefined> {
    const connId = this.peers.get(peerId);
    return connId === undefined ? undefined : this.sessions.get(connId);
  }

  async addMember(room: string, member: Member, capacity: number, guard?: PasswordGuard): Promise<AddMemberResult> {
    let entry = this.rooms.get(room);
    if (!entry) {
      entry = { members: new Map(), passwordHash: guard?.createWith };
      this.rooms.set(room, entry);
    } else if (entry.passwordHash !== guard?.expected) {
      return { ok: false, reason: 'password-changed' };
    }
    if (entry.members.size >= capacity) return { ok: false, reason: 'full' };
    const others = [...entry.members.values()];
    entry.members.set(member.peerId, { ...member });
    return { ok: true, others, hasPassword: entry.passwordHash !== undefined };
  }

  async getPasswordHash(room: string): Promise<string | undefined> {
    return this.rooms.get(room)?.passwordHash;
  }

  async removeMember(room: string, peerId: string): Promise<Member[]> {
    const entry = this.rooms.get(room);
    if (!entry) return [];
    entry.members.delete(peerId);
    if (entry.members.size === 0) this.rooms.delete(room);
    return [...entry.members.values()];
  }

  async getMember(room: string, peerId: string): Promise<Member | undefined> {
    return this.rooms.get(room)?.members.get(peerId);
  }

  async listMembers(room: string): Promise<Member[]> {
    return [...(this.rooms.get(room)?.members.values() ?? [])];
  }

  async moveMember(room: string, peerId: string, connId: string): Promise<boolean> {
    const member = this.rooms.get(room)?.members.get(peerId);
    if (member) member.connId = connId;
    return member !== undefined;
  }

  async updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined> {
    const member = this.rooms.get(room)?.members.get(peerId);
    if (member) member.media = { ...media };
    return member;
  }
}
