import type { MediaState } from '@confab/protocol';
import { nameKey } from './name-key.js';
import type { AddMemberResult, Call, DirectoryEntry, Member, PasswordGuard, PendingEntry, Session, SignalingStore, SyncReads } from './store.js';

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
  /** peerId → directory entry, in the order people came online. */
  private readonly online = new Map<string, Omit<DirectoryEntry, 'busy'>>();
  /** normalised name → peerId, for unique names. */
  private readonly names = new Map<string, string>();
  private readonly calls = new Map<string, Call>();
  /** room name → pending entries by peer id (lobby visitors who prepared), oldest first. */
  private readonly pending = new Map<string, Map<string, PendingEntry>>();
  /** peerId → the call they are in. */
  private readonly peerCalls = new Map<string, string>();

  readonly syncReads: SyncReads = {
    sessionNow: (connId) => this.sessions.get(connId),
    memberNow: (room, peerId) => this.rooms.get(room)?.members.get(peerId),
  };

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

  async addPending(room: string, entry: PendingEntry, cap: number): Promise<boolean> {
    const entries = this.pending.get(room) ?? new Map<string, PendingEntry>();
    const others = entries.size - (entries.has(entry.peerId) ? 1 : 0);
    if (others >= cap) return false;
    entries.delete(entry.peerId);
    entries.set(entry.peerId, { ...entry });
    this.pending.set(room, entries);
    return true;
  }

  async removePending(room: string, peerId: string): Promise<boolean> {
    const entries = this.pending.get(room);
    const removed = entries?.delete(peerId) ?? false;
    if (entries?.size === 0) this.pending.delete(room);
    return removed;
  }

  async getPending(room: string, peerId: string): Promise<PendingEntry | undefined> {
    const entry = this.pending.get(room)?.get(peerId);
    return entry && { ...entry };
  }

  async listPending(room: string): Promise<PendingEntry[]> {
    return [...(this.pending.get(room)?.values() ?? [])]
      .map((e) => ({ ...e }))
      .sort((a, b) => a.preparedAt - b.preparedAt || a.peerId.localeCompare(b.peerId));
  }

  get pendingCount(): number {
    let n = 0;
    for (const entries of this.pending.values()) n += entries.size;
    return n;
  }

  async goOnline(entry: Omit<DirectoryEntry, 'busy'>): Promise<{ ok: true; others: DirectoryEntry[] } | { ok: false }> {
    const key = nameKey(entry.name);
    if (this.names.has(key)) return { ok: false };
    const others = [...this.online.values()].map((e) => this.withBusy(e));
    this.names.set(key, entry.peerId);
    this.online.set(entry.peerId, { ...entry });
    return { ok: true, others };
  }

  async goOffline(peerId: string): Promise<boolean> {
    const entry = this.online.get(peerId);
    if (!entry) return false;
    this.online.delete(peerId);
    this.names.delete(nameKey(entry.name));
    return true;
  }

  async getOnline(peerId: string): Promise<DirectoryEntry | undefined> {
    const entry = this.online.get(peerId);
    return entry && this.withBusy(entry);
  }

  async listOnline(): Promise<DirectoryEntry[]> {
    return [...this.online.values()].map((e) => this.withBusy(e));
  }

  async moveOnline(peerId: string, connId: string): Promise<void> {
    const entry = this.online.get(peerId);
    if (entry) entry.connId = connId;
  }

  async createCall(call: Call): Promise<'ok' | 'caller-busy' | 'callee-busy'> {
    if (this.peerCalls.has(call.caller)) return 'caller-busy';
    if (this.peerCalls.has(call.callee)) return 'callee-busy';
    this.calls.set(call.id, { ...call });
    this.peerCalls.set(call.caller, call.id);
    this.peerCalls.set(call.callee, call.id);
    return 'ok';
  }

  async getCall(callId: string): Promise<Call | undefined> {
    const call = this.calls.get(callId);
    return call && { ...call };
  }

  async callOf(peerId: string): Promise<string | undefined> {
    return this.peerCalls.get(peerId);
  }

  async activateCall(callId: string): Promise<Call | undefined> {
    const call = this.calls.get(callId);
    if (call?.state !== 'ringing') return undefined;
    call.state = 'active';
    return { ...call };
  }

  async endCall(callId: string): Promise<Call | undefined> {
    const call = this.calls.get(callId);
    if (!call) return undefined;
    this.calls.delete(callId);
    for (const peer of [call.caller, call.callee]) if (this.peerCalls.get(peer) === callId) this.peerCalls.delete(peer);
    return call;
  }

  private withBusy(entry: Omit<DirectoryEntry, 'busy'>): DirectoryEntry {
    return { ...entry, busy: this.peerCalls.has(entry.peerId) };
  }
}
