import type { MediaState } from '@confab/protocol';
import type { AddMemberResult, Member, Session, SignalingStore } from './store.js';

/** The single-node store: plain Maps. Each method runs to completion without awaiting, so each is atomic. */
export class MemoryStore implements SignalingStore {
  private readonly sessions = new Map<string, Session>();
  /** room → (peerId → member); a Map keeps insertion (join) order. */
  private readonly rooms = new Map<string, Map<string, Member>>();

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
  }

  async deleteSession(connId: string): Promise<void> {
    this.sessions.delete(connId);
  }

  async addMember(room: string, member: Member, capacity: number): Promise<AddMemberResult> {
    let members = this.rooms.get(room);
    if (!members) {
      members = new Map();
      this.rooms.set(room, members);
    }
    if (members.size >= capacity) return { ok: false, reason: 'full' };
    const others = [...members.values()];
    members.set(member.peerId, { ...member });
    return { ok: true, others };
  }

  async removeMember(room: string, peerId: string): Promise<Member[]> {
    const members = this.rooms.get(room);
    if (!members) return [];
    members.delete(peerId);
    if (members.size === 0) this.rooms.delete(room);
    return [...members.values()];
  }

  async getMember(room: string, peerId: string): Promise<Member | undefined> {
    return this.rooms.get(room)?.get(peerId);
  }

  async listMembers(room: string): Promise<Member[]> {
    return [...(this.rooms.get(room)?.values() ?? [])];
  }

  async updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined> {
    const member = this.rooms.get(room)?.get(peerId);
    if (member) member.media = { ...media };
    return member;
  }
}
