import type { MediaState } from '@confab/protocol';
import { nameKey, type AddMemberResult, type Call, type DirectoryEntry, type Member, type PasswordGuard, type PendingEntry, type Session, type SignalingStore } from '@confab/core';
import type { Redis } from 'ioredis';
import { nodeOf, type RedisKeys } from './keys.js';
import {
  ACTIVATE_CALL,
  ADD_MEMBER,
  ADD_PENDING,
  CREATE_CALL,
  DELETE_SESSION,
  END_CALL,
  GO_OFFLINE,
  GO_ONLINE,
  MOVE_MEMBER,
  MOVE_ONLINE,
  REMOVE_MEMBER,
  REPLACE_MEMBER,
} from './scripts.js';

type StoredEntry = Omit<DirectoryEntry, 'busy'> & { nameKey: string };

function parseMembers(values: readonly string[]): Member[] {
  return values.map((v) => JSON.parse(v) as Member).sort((a, b) => a.joinedAt - b.joinedAt || a.peerId.localeCompare(b.peerId));
}

/**
 * The core's store over Redis, shared by every node. Sessions are strings, rooms are hashes of
 * members; multi-key steps run as Lua scripts so the room cap holds across nodes.
 */
export class RedisStore implements SignalingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async getSession(connId: string): Promise<Session | undefined> {
    const raw = await this.redis.get(this.keys.session(connId));
    return raw === null ? undefined : (JSON.parse(raw) as Session);
  }

  async putSession(session: Session): Promise<void> {
    await this.redis
      .multi()
      .set(this.keys.session(session.connId), JSON.stringify(session))
      .set(this.keys.peer(session.peerId), session.connId)
      .sadd(this.keys.nodeConns(nodeOf(session.connId)), session.connId)
      .exec();
  }

  async deleteSession(connId: string): Promise<void> {
    const session = await this.getSession(connId);
    if (!session) return;
    await this.redis.eval(DELETE_SESSION, 3, this.keys.session(connId), this.keys.peer(session.peerId), this.keys.nodeConns(nodeOf(connId)), connId);
  }

  async findSessionByPeer(peerId: string): Promise<Session | undefined> {
    const connId = await this.redis.get(this.keys.peer(peerId));
    return connId === null ? undefined : this.getSession(connId);
  }

  async moveMember(room: string, peerId: string, connId: string): Promise<boolean> {
    return (await this.redis.eval(MOVE_MEMBER, 1, this.keys.members(room), peerId, connId)) === 1;
  }

  async addMember(room: string, member: Member, capacity: number, guard?: PasswordGuard): Promise<AddMemberResult> {
    const result = (await this.redis.eval(
      ADD_MEMBER,
      2,
      this.keys.members(room),
      this.keys.password(room),
      member.peerId,
      JSON.stringify(member),
      capacity,
      guard?.expected ?? '',
      guard?.createWith ?? '',
    )) as string[];
    const [status, hasPassword, ...others] = result;
    if (status === 'full' || status === 'password-changed') return { ok: false, reason: status };
    return { ok: true, hasPassword: hasPassword === '1', others: parseMembers(others) };
  }

  async getPasswordHash(room: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.password(room))) ?? undefined;
  }

  async removeMember(room: string, peerId: string): Promise<Member[]> {
    const left = (await this.redis.eval(REMOVE_MEMBER, 2, this.keys.members(room), this.keys.password(room), peerId)) as string[];
    return parseMembers(left);
  }

  async getMember(room: string, peerId: string): Promise<Member | undefined> {
    const raw = await this.redis.hget(this.keys.members(room), peerId);
    return raw === null ? undefined : (JSON.parse(raw) as Member);
  }

  async listMembers(room: string): Promise<Member[]> {
    return parseMembers(await this.redis.hvals(this.keys.members(room)));
  }

  async updateMedia(room: string, peerId: string, media: MediaState): Promise<Member | undefined> {
    const member = await this.getMember(room, peerId);
    if (!member) return undefined;
    const updated = { ...member, media: { ...media } };
    const replaced = await this.redis.eval(REPLACE_MEMBER, 1, this.keys.members(room), peerId, JSON.stringify(updated));
    return replaced === 1 ? updated : undefined;
  }

  async addPending(room: string, entry: PendingEntry, cap: number, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(ADD_PENDING, 1, this.keys.pending(room), entry.peerId, JSON.stringify(entry), cap, ttlMs)) === 1;
  }

  async removePending(room: string, peerId: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.pending(room), peerId)) === 1;
  }

  async getPending(room: string, peerId: string): Promise<PendingEntry | undefined> {
    const raw = await this.redis.hget(this.keys.pending(room), peerId);
    return raw === null ? undefined : (JSON.parse(raw) as PendingEntry);
  }

  async listPending(room: string): Promise<PendingEntry[]> {
    const all = (await this.redis.hvals(this.keys.pending(room))).map((v) => JSON.parse(v) as PendingEntry);
    return all.sort((a, b) => a.preparedAt - b.preparedAt || a.peerId.localeCompare(b.peerId));
  }

  /** Puts a member back after Redis lost its data, without the capacity check it already passed. */
  async restoreMember(room: string, member: Member, passwordHash: string | undefined): Promise<void> {
    const tx = this.redis.multi().hset(this.keys.members(room), member.peerId, JSON.stringify(member));
    if (passwordHash) tx.set(this.keys.password(room), passwordHash, 'NX');
    await tx.exec();
  }

  /** Connection ids a node registered (for reaping a dead node). */
  async connectionsOf(nodeId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.nodeConns(nodeId));
  }

  async goOnline(entry: Omit<DirectoryEntry, 'busy'>): Promise<{ ok: true; others: DirectoryEntry[] } | { ok: false }> {
    const stored: StoredEntry = { ...entry, nameKey: nameKey(entry.name) };
    const ok = await this.redis.eval(GO_ONLINE, 2, this.keys.online, this.keys.names, entry.peerId, JSON.stringify(stored), stored.nameKey);
    if (ok !== 1) return { ok: false };
    return { ok: true, others: (await this.listOnline()).filter((e) => e.peerId !== entry.peerId) };
  }

  async goOffline(peerId: string): Promise<boolean> {
    return (await this.redis.eval(GO_OFFLINE, 2, this.keys.online, this.keys.names, peerId)) === 1;
  }

  async getOnline(peerId: string): Promise<DirectoryEntry | undefined> {
    const [raw, callId] = await Promise.all([this.redis.hget(this.keys.online, peerId), this.redis.hget(this.keys.peerCalls, peerId)]);
    return raw === null ? undefined : toEntry(raw, callId !== null);
  }

  async listOnline(): Promise<DirectoryEntry[]> {
    const [all, calls] = await Promise.all([this.redis.hvals(this.keys.online), this.redis.hkeys(this.keys.peerCalls)]);
    const busy = new Set(calls);
    return all.map((raw) => {
      const entry = toEntry(raw, false);
      return { ...entry, busy: busy.has(entry.peerId) };
    });
  }

  async moveOnline(peerId: string, connId: string): Promise<void> {
    await this.redis.eval(MOVE_ONLINE, 1, this.keys.online, peerId, connId);
  }

  async createCall(call: Call): Promise<'ok' | 'caller-busy' | 'callee-busy'> {
    return (await this.redis.eval(CREATE_CALL, 2, this.keys.peerCalls, this.keys.call(call.id), call.caller, call.callee, call.id, JSON.stringify(call))) as
      | 'ok'
      | 'caller-busy'
      | 'callee-busy';
  }

  async getCall(callId: string): Promise<Call | undefined> {
    const raw = await this.redis.get(this.keys.call(callId));
    return raw === null ? undefined : (JSON.parse(raw) as Call);
  }

  async callOf(peerId: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.peerCalls, peerId)) ?? undefined;
  }

  async activateCall(callId: string): Promise<Call | undefined> {
    const raw = (await this.redis.eval(ACTIVATE_CALL, 1, this.keys.call(callId))) as string | null;
    return raw === null ? undefined : (JSON.parse(raw) as Call);
  }

  async endCall(callId: string): Promise<Call | undefined> {
    const raw = (await this.redis.eval(END_CALL, 2, this.keys.call(callId), this.keys.peerCalls)) as string | null;
    return raw === null ? undefined : (JSON.parse(raw) as Call);
  }
}

function toEntry(raw: string, busy: boolean): DirectoryEntry {
  const { peerId, connId, name } = JSON.parse(raw) as StoredEntry;
  return { peerId, connId, name, busy };
}
