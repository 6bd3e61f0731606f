import type { MediaState } from '@confab/protocol';
import type { AddMemberResult, Call, DirectoryEntry, Member, PasswordGuard, PendingEntry, Session, SignalingStore } from '@confab/core';
import { nodeOf } from './keys.js';
import type { RedisStore } from './redis-store.js';

/**
 * A write-through copy of the state of this node's own connections. Redis is the truth; the copy
 * lets a node write its part back after Redis restarts empty, so rooms re-form without anyone
 * rejoining.
 */
export class MirroredStore implements SignalingStore {
  private readonly sessions = new Map<string, Session>();
  private readonly members = new Map<string, { room: string; member: Member; passwordHash: string | undefined }>();
  /** peerId → this node's directory entries. */
  private readonly online = new Map<string, Omit<DirectoryEntry, 'busy'>>();
  /** connId → this node's lobby visitors' pending entries, with what their write asked for. */
  private readonly pending = new Map<string, { room: string; entry: PendingEntry; cap: number; ttlMs: number }>();

  constructor(
    private readonly inner: RedisStore,
    private readonly nodeId: string,
  ) {}

  private local(connId: string): boolean {
    return nodeOf(connId) === this.nodeId;
  }

  /** This node is the only writer of its own connections' sessions, so those are read from memory. */
  async getSession(connId: string): Promise<Session | undefined> {
    const mine = this.sessions.get(connId);
    if (mine) return { ...mine };
    return this.inner.getSession(connId);
  }

  async putSession(session: Session): Promise<void> {
    await this.inner.putSession(session);
    if (this.local(session.connId)) this.sessions.set(session.connId, { ...session });
  }

  async deleteSession(connId: string): Promise<void> {
    await this.inner.deleteSession(connId);
    this.sessions.delete(connId);
  }

  async addMember(room: string, member: Member, capacity: number, guard?: PasswordGuard): Promise<AddMemberResult> {
    const result = await this.inner.addMember(room, member, capacity, guard);
    if (result.ok && this.local(member.connId)) {
      this.members.set(member.connId, { room, member: { ...member }, passwordHash: guard?.expected ?? guard?.createWith });
    }
    return result;
  }

  getPasswordHash(room: string) {
    return this.inner.getPasswordHash(room);
  }

  async removeMember(room: string, peerId: string): Promise<Member[]> {
    for (const [connId, entry] of this.members) if (entry.room === room && entry.member.peerId === peerId) this.members.delete(connId);
    return this.inner.removeMember(room, peerId);
  }

  findSessionByPeer(peerId: string) {
    return this.inner.findSessionByPeer(peerId);
  }

  async moveMember(room: string, peerId: string, connId: string): Promise<boolean> {
    const moved = await this.inner.moveMember(room, peerId, connId);
    for (const [oldConn, entry] of this.members) {
      if (entry.room !== room || entry.member.peerId !== peerId) continue;
      this.members.delete(oldConn);
      if (moved && this.local(connId)) this.members.set(connId, { ...entry, member: { ...entry.member, connId } });
    }
    if (moved && this.local(connId) && ![...this.members.values()].some((e) => e.member.connId === connId)) {
      const member = await this.inner.getMember(room, peerId);
      const passwordHash = await this.inner.getPasswordHash(room);
      if (member) this.members.set(connId, { room, member, passwordHash });
    }
    return moved;
  }

  getMember(room: string, peerId: string) {
    return this.inner.getMember(room, peerId);
  }

  listMembers(room: string) {
    return this.inner.listMembers(room);
  }

  async updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined> {
    const updated = await this.inner.updateMedia(room, peerId, media);
    if (updated && this.local(updated.connId)) {
      const entry = this.members.get(updated.connId);
      if (entry) entry.member = { ...updated };
    }
    return updated;
  }

  async addPending(room: string, entry: PendingEntry, cap: number, ttlMs: number): Promise<boolean> {
    const added = await this.inner.addPending(room, entry, cap, ttlMs);
    if (added && this.local(entry.connId)) this.pending.set(entry.connId, { room, entry: { ...entry }, cap, ttlMs });
    return added;
  }

  async removePending(room: string, peerId: string): Promise<boolean> {
    for (const [connId, held] of this.pending) if (held.room === room && held.entry.peerId === peerId) this.pending.delete(connId);
    return this.inner.removePending(room, peerId);
  }

  getPending(room: string, peerId: string) {
    return this.inner.getPending(room, peerId);
  }

  listPending(room: string) {
    return this.inner.listPending(room);
  }

  connectionsOf(nodeId: string): Promise<string[]> {
    return this.inner.connectionsOf(nodeId);
  }

  async goOnline(entry: Omit<DirectoryEntry, 'busy'>) {
    const result = await this.inner.goOnline(entry);
    if (result.ok && this.local(entry.connId)) this.online.set(entry.peerId, { ...entry });
    return result;
  }

  async goOffline(peerId: string): Promise<boolean> {
    this.online.delete(peerId);
    return this.inner.goOffline(peerId);
  }

  getOnline(peerId: string) {
    return this.inner.getOnline(peerId);
  }

  listOnline() {
    return this.inner.listOnline();
  }

  async moveOnline(peerId: string, connId: string): Promise<void> {
    await this.inner.moveOnline(peerId, connId);
    const entry = this.online.get(peerId) ?? (await this.inner.getOnline(peerId));
    if (entry && this.local(connId)) this.online.set(peerId, { peerId, name: entry.name, connId });
    else this.online.delete(peerId);
  }

  createCall(call: Call) {
    return this.inner.createCall(call);
  }

  getCall(callId: string) {
    return this.inner.getCall(callId);
  }

  callOf(peerId: string) {
    return this.inner.callOf(peerId);
  }

  activateCall(callId: string) {
    return this.inner.activateCall(callId);
  }

  endCall(callId: string) {
    return this.inner.endCall(callId);
  }

  /**
   * Writes this node's sessions, memberships, directory entries and lobby visitors' pending
   * entries (those not expired, for the time they have left) back into Redis. Idempotent. Calls
   * in progress are not restored: their rooms are, so media goes on; ringing calls are lost.
   */
  async restore(now = Date.now()): Promise<{ sessions: number; members: number; online: number; pending: number }> {
    for (const session of this.sessions.values()) await this.inner.putSession(session);
    for (const { room, member, passwordHash } of this.members.values()) await this.inner.restoreMember(room, member, passwordHash);
    for (const entry of this.online.values()) await this.inner.goOnline(entry);
    let pending = 0;
    for (const [connId, { room, entry, cap, ttlMs }] of this.pending) {
      const left = entry.preparedAt + ttlMs - now;
      if (left <= 0) {
        this.pending.delete(connId);
        continue;
      }
      if (await this.inner.addPending(room, entry, cap, left)) pending++;
    }
    return { sessions: this.sessions.size, members: this.members.size, online: this.online.size, pending };
  }
}
